import type { Decider } from './decider';
import { classify, locate, type Disposition } from './disposition';
import { InvalidCommand, InvalidTransition, PolicyViolation } from './errors';
import type { HostCity, JurisdictionCatalog, SponsorKind } from './jurisdiction';
import { routeDecision, startTier, type Tier, type TierDecision } from './tiers';

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------------------------

export type AssetKind = 'land' | 'building' | 'vehicle' | 'other';
export const ASSET_KINDS: readonly AssetKind[] = ['land', 'building', 'vehicle', 'other'];

/** How a state-owned asset leaves the office under the state-owned asset rules. */
export type DisposalMethod = 'transfer' | 'reallocation' | 'public-auction' | 'write-off';
export const DISPOSAL_METHODS: readonly DisposalMethod[] = [
  'transfer',
  'reallocation',
  'public-auction',
  'write-off',
];

export type RecipientKind =
  'government-body' | 'public-institution' | 'state-owned-enterprise' | 'private-party';
export const RECIPIENT_KINDS: readonly RecipientKind[] = [
  'government-body',
  'public-institution',
  'state-owned-enterprise',
  'private-party',
];

/** Staff resettlement (妥善安置, 三(一)); locally hired auxiliary staff may end their contracts (六(三)). */
export type PlacementKind = 'returned-to-sponsor' | 'transferred' | 'retired' | 'contract-ended';
export const PLACEMENT_KINDS: readonly PlacementKind[] = [
  'returned-to-sponsor',
  'transferred',
  'retired',
  'contract-ended',
];

/** The functions a retained office changes to (四(一)–(四)). */
export type RetainedFunction =
  'economic-cooperation' | 'social-management' | 'party-member-services' | 'government-liaison';
export const RETAINED_FUNCTIONS: readonly RetainedFunction[] = [
  'economic-cooperation',
  'social-management',
  'party-member-services',
  'government-liaison',
];

export interface Asset {
  assetId: string;
  kind: AssetKind;
  description: string;
  /** Book value in yuan. */
  bookValue: number;
}

export interface StaffMember {
  staffId: string;
  name: string;
}

export interface AssetDisposal {
  assetId: string;
  method: DisposalMethod;
  /** Absent for a write-off. */
  recipient?: string;
  recipientKind?: RecipientKind;
  /** Value realised or transferred, in yuan. */
  value: number;
  approvalReference: string;
}

export interface StaffPlacement {
  staffId: string;
  placement: PlacementKind;
  destination: string;
}

export interface RetentionCase {
  justification: string;
  functions: RetainedFunction[];
  /** 五(一): a retained office is decoupled from its hotels and guesthouses. */
  decoupledFromBusinessEntities: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Events: explicit type names, the facts of an office's life
// ---------------------------------------------------------------------------------------------------------------

export interface OfficeRegistered {
  type: 'OfficeRegistered';
  data: {
    officeId: string;
    name: string;
    sponsorUnitId: string;
    sponsorKind: SponsorKind;
    hostCityId: string;
    pairedAssistance: boolean;
    assets: Asset[];
    staff: StaffMember[];
    disposition: Disposition;
  };
}
export interface OfficeRuledOn {
  type: 'OfficeRuledOn';
  data: { officeId: string; ruling: Ruling; reasoning: string; tier: Tier; retentionStartTier?: Tier };
}
export interface RetentionRequested {
  type: 'RetentionRequested';
  data: { officeId: string; tier: Tier } & RetentionCase;
}
export interface RetentionForwarded {
  type: 'RetentionForwarded';
  data: { officeId: string; fromTier: Tier; toTier: Tier; comment?: string };
}
export interface RetentionApproved {
  type: 'RetentionApproved';
  data: { officeId: string; tier: Tier; comment?: string };
}
export interface RetentionRejected {
  type: 'RetentionRejected';
  data: { officeId: string; tier: Tier; reason: string };
}
export interface RetentionReturned {
  type: 'RetentionReturned';
  data: { officeId: string; tier: Tier; comment: string };
}
export interface RetentionResubmitted {
  type: 'RetentionResubmitted';
  data: { officeId: string; tier: Tier } & RetentionCase;
}
/** An approver of the waiting tier takes the request on (the task leaves the group's pool). */
export interface TaskClaimed {
  type: 'TaskClaimed';
  data: { officeId: string; tier: Tier; assignee: string };
}
export interface TaskReleased {
  type: 'TaskReleased';
  data: { officeId: string; tier: Tier; assignee: string };
}
export interface TaskDelegated {
  type: 'TaskDelegated';
  data: { officeId: string; tier: Tier; from?: string; to: string };
}
export interface OfficeAbolished {
  type: 'OfficeAbolished';
  data: { officeId: string; decisionReference: string; reason?: string };
}
export interface AssetRegistered {
  type: 'AssetRegistered';
  data: { officeId: string; asset: Asset };
}
export interface StaffMemberRegistered {
  type: 'StaffMemberRegistered';
  data: { officeId: string; staffMember: StaffMember };
}
export interface AssetDisposed {
  type: 'AssetDisposed';
  data: { officeId: string } & AssetDisposal;
}
export interface StaffPlaced {
  type: 'StaffPlaced';
  data: { officeId: string } & StaffPlacement;
}
export interface OfficeClosed {
  type: 'OfficeClosed';
  data: { officeId: string; assetsDisposed: number; staffPlaced: number };
}

export type OfficeEvent =
  | OfficeRegistered
  | OfficeRuledOn
  | RetentionRequested
  | RetentionForwarded
  | RetentionApproved
  | RetentionRejected
  | RetentionReturned
  | RetentionResubmitted
  | TaskClaimed
  | TaskReleased
  | TaskDelegated
  | OfficeAbolished
  | AssetRegistered
  | StaffMemberRegistered
  | AssetDisposed
  | StaffPlaced
  | OfficeClosed;

export type OfficeEventType = OfficeEvent['type'];

export const OFFICE_EVENT_TYPES: readonly OfficeEventType[] = [
  'OfficeRegistered',
  'OfficeRuledOn',
  'RetentionRequested',
  'RetentionForwarded',
  'RetentionApproved',
  'RetentionRejected',
  'RetentionReturned',
  'RetentionResubmitted',
  'TaskClaimed',
  'TaskReleased',
  'TaskDelegated',
  'OfficeAbolished',
  'AssetRegistered',
  'StaffMemberRegistered',
  'AssetDisposed',
  'StaffPlaced',
  'OfficeClosed',
];

/** A ruling on an office the plan does not cover. */
export type Ruling = 'abolish' | 'retention-may-be-requested';

// ---------------------------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------------------------

export type OfficeCommand =
  | {
      type: 'RegisterOffice';
      data: {
        officeId: string;
        name: string;
        sponsorUnitId: string;
        hostCityId: string;
        pairedAssistance: boolean;
        assets: Asset[];
        staff: StaffMember[];
      };
    }
  | { type: 'RuleOnOffice'; data: { tier: Tier; ruling: Ruling; reasoning: string } }
  | { type: 'RequestRetention'; data: RetentionCase }
  /** `approver`: who decides; refused when another approver holds the task. */
  | {
      type: 'DecideRetention';
      data: { tier: Tier; decision: TierDecision; comment?: string; approver?: string };
    }
  | { type: 'ClaimTask'; data: { tier: Tier; approver: string } }
  | { type: 'ReleaseTask'; data: { tier: Tier; approver: string } }
  | { type: 'DelegateTask'; data: { tier: Tier; from: string; to: string } }
  | { type: 'ResubmitRetention'; data: RetentionCase }
  | { type: 'AbolishOffice'; data: { decisionReference: string; reason?: string } }
  | { type: 'RegisterAsset'; data: { asset: Asset } }
  | { type: 'RegisterStaffMember'; data: { staffMember: StaffMember } }
  | { type: 'RecordAssetDisposal'; data: AssetDisposal }
  | { type: 'RecordStaffPlacement'; data: StaffPlacement }
  | { type: 'CloseOffice'; data: Record<string, never> };

export type OfficeCommandType = OfficeCommand['type'];

// ---------------------------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------------------------

export interface OfficeFacts {
  officeId: string;
  name: string;
  sponsorUnitId: string;
  sponsorKind: SponsorKind;
  hostCityId: string;
  pairedAssistance: boolean;
  disposition: Disposition;
  assets: Record<string, Asset & { disposal?: AssetDisposal }>;
  staff: Record<string, StaffMember & { placement?: StaffPlacement }>;
}

export type OfficeStatus = OfficeState['status'];

export type OfficeState =
  | { status: 'unregistered' }
  | { status: 'awaiting-ruling'; office: OfficeFacts }
  /** Registered; `retentionStartTier` is set when the plan (or a ruling) allows a retention request. */
  | { status: 'proposed'; office: OfficeFacts; retentionStartTier?: Tier }
  | {
      status: 'retention-requested';
      office: OfficeFacts;
      tier: Tier;
      request: RetentionCase;
      assignee?: string;
    }
  | {
      status: 'returned-for-revision';
      office: OfficeFacts;
      returnedAt: Tier;
      comment: string;
      request: RetentionCase;
    }
  | { status: 'retained'; office: OfficeFacts }
  | { status: 'rejected'; office: OfficeFacts; rejectedAt: Tier; reason: string }
  | { status: 'abolished'; office: OfficeFacts }
  | { status: 'closed'; office: OfficeFacts };

export function initialState(): OfficeState {
  return { status: 'unregistered' };
}

export function evolve(state: OfficeState, event: OfficeEvent): OfficeState {
  switch (event.type) {
    case 'OfficeRegistered': {
      const { disposition } = event.data;
      const office: OfficeFacts = {
        officeId: event.data.officeId,
        name: event.data.name,
        sponsorUnitId: event.data.sponsorUnitId,
        sponsorKind: event.data.sponsorKind,
        hostCityId: event.data.hostCityId,
        pairedAssistance: event.data.pairedAssistance,
        disposition,
        assets: Object.fromEntries(event.data.assets.map((asset) => [asset.assetId, { ...asset }])),
        staff: Object.fromEntries(event.data.staff.map((member) => [member.staffId, { ...member }])),
      };
      if (disposition.outcome === 'ruling-required') return { status: 'awaiting-ruling', office };
      return disposition.retentionStartTier
        ? { status: 'proposed', office, retentionStartTier: disposition.retentionStartTier }
        : { status: 'proposed', office };
    }
    case 'OfficeRuledOn': {
      const office = facts(state);
      return event.data.retentionStartTier
        ? { status: 'proposed', office, retentionStartTier: event.data.retentionStartTier }
        : { status: 'proposed', office };
    }
    case 'RetentionRequested':
    case 'RetentionResubmitted': {
      const { justification, functions, decoupledFromBusinessEntities } = event.data;
      return {
        status: 'retention-requested',
        office: facts(state),
        tier: event.data.tier,
        request: { justification, functions, decoupledFromBusinessEntities },
      };
    }
    case 'RetentionForwarded':
      return state.status === 'retention-requested'
        ? {
            status: 'retention-requested',
            office: state.office,
            tier: event.data.toTier,
            request: state.request,
          }
        : state;
    case 'TaskClaimed':
      return state.status === 'retention-requested' ? { ...state, assignee: event.data.assignee } : state;
    case 'TaskReleased':
      return state.status === 'retention-requested'
        ? { status: 'retention-requested', office: state.office, tier: state.tier, request: state.request }
        : state;
    case 'TaskDelegated':
      return state.status === 'retention-requested' ? { ...state, assignee: event.data.to } : state;
    case 'RetentionApproved':
      return { status: 'retained', office: facts(state) };
    case 'RetentionRejected':
      return {
        status: 'rejected',
        office: facts(state),
        rejectedAt: event.data.tier,
        reason: event.data.reason,
      };
    case 'RetentionReturned':
      return state.status === 'retention-requested'
        ? {
            status: 'returned-for-revision',
            office: state.office,
            returnedAt: event.data.tier,
            comment: event.data.comment,
            request: state.request,
          }
        : state;
    case 'OfficeAbolished':
      return { status: 'abolished', office: facts(state) };
    case 'AssetRegistered':
      return withFacts(state, (office) => ({
        ...office,
        assets: { ...office.assets, [event.data.asset.assetId]: { ...event.data.asset } },
      }));
    case 'StaffMemberRegistered':
      return withFacts(state, (office) => ({
        ...office,
        staff: { ...office.staff, [event.data.staffMember.staffId]: { ...event.data.staffMember } },
      }));
    case 'AssetDisposed':
      return withFacts(state, (office) => {
        const { officeId: _officeId, ...disposal } = event.data;
        const asset = office.assets[disposal.assetId];
        return asset
          ? { ...office, assets: { ...office.assets, [asset.assetId]: { ...asset, disposal } } }
          : office;
      });
    case 'StaffPlaced':
      return withFacts(state, (office) => {
        const { officeId: _officeId, ...placement } = event.data;
        const member = office.staff[placement.staffId];
        return member
          ? { ...office, staff: { ...office.staff, [member.staffId]: { ...member, placement } } }
          : office;
      });
    case 'OfficeClosed':
      return { status: 'closed', office: facts(state) };
    default: {
      const unknown: never = event;
      throw new Error(`unknown office event ${JSON.stringify(unknown)}`);
    }
  }
}

function facts(state: OfficeState): OfficeFacts {
  if (state.status === 'unregistered') throw new Error('event applied to an unregistered office');
  return state.office;
}

function withFacts(state: OfficeState, change: (office: OfficeFacts) => OfficeFacts): OfficeState {
  return state.status === 'unregistered' ? state : { ...state, office: change(state.office) };
}

// ---------------------------------------------------------------------------------------------------------------
// Decide
// ---------------------------------------------------------------------------------------------------------------

export interface OfficeContext {
  jurisdictions: JurisdictionCatalog;
  hostCities: ReadonlyMap<string, HostCity>;
}

const STATUS_LABEL: Record<OfficeStatus, string> = {
  unregistered: 'not registered',
  'awaiting-ruling': 'awaiting a ruling',
  proposed: 'proposed',
  'retention-requested': 'awaiting a retention decision',
  'returned-for-revision': 'returned for revision',
  retained: 'retained',
  rejected: 'rejected (must be abolished)',
  abolished: 'abolished (disposal under way)',
  closed: 'closed',
};

export function decide(command: OfficeCommand, state: OfficeState, context: OfficeContext): OfficeEvent[] {
  switch (command.type) {
    case 'RegisterOffice':
      return register(command.data, state, context);
    case 'RuleOnOffice': {
      const current = expectStatus(state, ['awaiting-ruling'], 'rule on');
      if (command.data.tier !== 'provincial') {
        throw new PolicyViolation(
          'not-covered',
          'a case the plan does not cover is ruled on at the provincial tier (省机关事务管理局)',
          'tier',
        );
      }
      const officeId = current.office.officeId;
      const ruling = command.data.ruling;
      return [
        {
          type: 'OfficeRuledOn',
          data: {
            officeId,
            ruling,
            reasoning: command.data.reasoning,
            tier: command.data.tier,
            ...(ruling === 'retention-may-be-requested'
              ? { retentionStartTier: startTier(current.office.sponsorKind) }
              : {}),
          },
        },
      ];
    }
    case 'RequestRetention': {
      const current = expectStatus(state, ['proposed'], 'request retention for');
      const tier = current.retentionStartTier;
      if (!tier) {
        const { ruleId, summary } = current.office.disposition;
        throw new PolicyViolation(
          ruleId === 'not-covered' ? 'not-covered' : ruleId,
          ruleId === 'not-covered'
            ? 'the ruling on this office requires abolition; retention cannot be requested'
            : `${summary} Retention cannot be requested (${ruleId}).`,
        );
      }
      checkRetentionCase(command.data);
      return [
        { type: 'RetentionRequested', data: { officeId: current.office.officeId, tier, ...command.data } },
      ];
    }
    case 'DecideRetention': {
      const current = expectStatus(state, ['retention-requested'], 'decide on');
      const { tier, decision, comment, approver } = command.data;
      checkTier(current, tier);
      if (approver !== undefined && current.assignee !== undefined && current.assignee !== approver) {
        throw new InvalidTransition(`the task is claimed by ${current.assignee}`, current.status);
      }
      const officeId = current.office.officeId;
      const outcome = routeDecision(tier, decision);
      switch (outcome.kind) {
        case 'forwarded':
          return [
            {
              type: 'RetentionForwarded',
              data: { officeId, fromTier: tier, toTier: outcome.to, ...opt('comment', comment) },
            },
          ];
        case 'approved':
          return [{ type: 'RetentionApproved', data: { officeId, tier, ...opt('comment', comment) } }];
        case 'rejected':
          return [
            {
              type: 'RetentionRejected',
              data: { officeId, tier, reason: required(comment, 'comment', 'a rejection') },
            },
          ];
        case 'returned':
          return [
            {
              type: 'RetentionReturned',
              data: { officeId, tier, comment: required(comment, 'comment', 'a return for revision') },
            },
          ];
        default: {
          const unknown: never = outcome;
          throw new Error(`unknown outcome ${JSON.stringify(unknown)}`);
        }
      }
    }
    case 'ClaimTask': {
      const current = expectStatus(state, ['retention-requested'], 'claim the task of');
      const { tier, approver } = command.data;
      checkTier(current, tier);
      if (current.assignee === approver) return [];
      if (current.assignee !== undefined) {
        throw new InvalidTransition(`the task is already claimed by ${current.assignee}`, current.status);
      }
      return [{ type: 'TaskClaimed', data: { officeId: current.office.officeId, tier, assignee: approver } }];
    }
    case 'ReleaseTask': {
      const current = expectStatus(state, ['retention-requested'], 'release the task of');
      const { tier, approver } = command.data;
      checkTier(current, tier);
      if (current.assignee !== approver) {
        throw new InvalidTransition(
          current.assignee === undefined
            ? 'the task is not claimed'
            : `the task is claimed by ${current.assignee}`,
          current.status,
        );
      }
      return [
        { type: 'TaskReleased', data: { officeId: current.office.officeId, tier, assignee: approver } },
      ];
    }
    case 'DelegateTask': {
      const current = expectStatus(state, ['retention-requested'], 'delegate the task of');
      const { tier, from, to } = command.data;
      checkTier(current, tier);
      if (current.assignee !== undefined && current.assignee !== from) {
        throw new InvalidTransition(
          `the task is claimed by ${current.assignee}; only they can delegate it`,
          current.status,
        );
      }
      if (to === from || to === current.assignee) {
        throw new InvalidCommand('to', 'a task is delegated to another approver');
      }
      return [
        {
          type: 'TaskDelegated',
          data: {
            officeId: current.office.officeId,
            tier,
            ...(current.assignee ? { from: current.assignee } : {}),
            to,
          },
        },
      ];
    }
    case 'ResubmitRetention': {
      const current = expectStatus(state, ['returned-for-revision'], 'resubmit');
      checkRetentionCase(command.data);
      // The revised request goes back to the tier that returned it, not to the start.
      return [
        {
          type: 'RetentionResubmitted',
          data: { officeId: current.office.officeId, tier: current.returnedAt, ...command.data },
        },
      ];
    }
    case 'AbolishOffice': {
      const current = expectStatus(
        state,
        ['proposed', 'rejected', 'returned-for-revision', 'retained'],
        'abolish',
      );
      if (!command.data.decisionReference.trim()) {
        throw new InvalidCommand('decisionReference', 'the abolition decision needs its document reference');
      }
      return [
        {
          type: 'OfficeAbolished',
          data: {
            officeId: current.office.officeId,
            decisionReference: command.data.decisionReference,
            ...opt('reason', command.data.reason),
          },
        },
      ];
    }
    case 'RegisterAsset': {
      const current = expectStatus(state, OPEN_STATUSES, 'register an asset of');
      const { asset } = command.data;
      checkAsset(asset, 'asset');
      if (current.office.assets[asset.assetId]) {
        throw new InvalidCommand(
          'asset.assetId',
          `asset ${asset.assetId} is already registered for this office`,
        );
      }
      return [{ type: 'AssetRegistered', data: { officeId: current.office.officeId, asset } }];
    }
    case 'RegisterStaffMember': {
      const current = expectStatus(state, OPEN_STATUSES, 'register a staff member of');
      const { staffMember } = command.data;
      if (current.office.staff[staffMember.staffId]) {
        throw new InvalidCommand(
          'staffMember.staffId',
          `staff member ${staffMember.staffId} is already registered for this office`,
        );
      }
      return [{ type: 'StaffMemberRegistered', data: { officeId: current.office.officeId, staffMember } }];
    }
    case 'RecordAssetDisposal':
      return disposeAsset(command.data, state);
    case 'RecordStaffPlacement': {
      const current = expectStatus(state, ['abolished'], 'place the staff of');
      const placement = command.data;
      const member = current.office.staff[placement.staffId];
      if (!member)
        throw new InvalidCommand(
          'staffId',
          `staff member ${placement.staffId} is not registered for this office`,
        );
      if (member.placement) {
        throw new InvalidTransition(
          `staff member ${placement.staffId} has already been placed`,
          current.status,
        );
      }
      if (!placement.destination.trim()) {
        throw new InvalidCommand(
          'destination',
          'a placement records where the person goes (妥善安置, 三(一))',
          '三(一)',
        );
      }
      return [{ type: 'StaffPlaced', data: { officeId: current.office.officeId, ...placement } }];
    }
    case 'CloseOffice': {
      const current = expectStatus(state, ['abolished'], 'close');
      const assets = Object.values(current.office.assets);
      const staff = Object.values(current.office.staff);
      const undisposed = assets.filter((asset) => !asset.disposal).map((asset) => asset.assetId);
      const unplaced = staff.filter((member) => !member.placement).map((member) => member.staffId);
      if (undisposed.length > 0 || unplaced.length > 0) {
        const parts = [
          undisposed.length > 0 ? `assets not yet disposed of: ${undisposed.join(', ')}` : undefined,
          unplaced.length > 0 ? `staff not yet placed: ${unplaced.join(', ')}` : undefined,
        ].filter(Boolean);
        throw new PolicyViolation(
          '三(一)',
          `an abolished office closes only when every asset is disposed of and every staff member placed; ${parts.join('; ')}`,
        );
      }
      return [
        {
          type: 'OfficeClosed',
          data: {
            officeId: current.office.officeId,
            assetsDisposed: assets.length,
            staffPlaced: staff.length,
          },
        },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown office command ${JSON.stringify(unknown)}`);
    }
  }
}

/** Every status a registered office can be in, in the order of its life. */
export const OFFICE_STATUSES: readonly RegisteredStatus[] = [
  'awaiting-ruling',
  'proposed',
  'retention-requested',
  'returned-for-revision',
  'retained',
  'rejected',
  'abolished',
  'closed',
];

const OPEN_STATUSES = OFFICE_STATUSES.filter((status) => status !== 'closed');

function register(
  data: Extract<OfficeCommand, { type: 'RegisterOffice' }>['data'],
  state: OfficeState,
  context: OfficeContext,
): OfficeEvent[] {
  if (state.status !== 'unregistered') {
    throw new InvalidTransition(`office ${data.officeId} is already registered`, state.status);
  }
  const sponsor = context.jurisdictions.find(data.sponsorUnitId);
  if (!sponsor) throw new InvalidCommand('sponsorUnitId', `unknown jurisdiction unit ${data.sponsorUnitId}`);
  const sponsorKind = context.jurisdictions.sponsorKind(sponsor.id);
  if (!sponsorKind) {
    throw new InvalidCommand(
      'sponsorUnitId',
      `${sponsor.name} (${sponsor.id}) is not a sponsor this plan covers: a county-level or municipal government, or one of their functional departments`,
      '一',
    );
  }
  const host = context.hostCities.get(data.hostCityId);
  if (!host) {
    throw new InvalidCommand(
      'hostCityId',
      `${data.hostCityId} is not a provincial capital, a city with separate planning status or a special economic zone`,
      '一',
    );
  }
  const province = context.jurisdictions.nearest(sponsor.id, 'province');
  if (!province) throw new InvalidCommand('sponsorUnitId', `${sponsor.id} lies in no province`);
  const seenAssets = new Set<string>();
  data.assets.forEach((asset, index) => {
    checkAsset(asset, `assets[${index}]`);
    if (seenAssets.has(asset.assetId)) {
      throw new InvalidCommand(`assets[${index}].assetId`, `asset id ${asset.assetId} appears twice`);
    }
    seenAssets.add(asset.assetId);
  });
  const seenStaff = new Set<string>();
  data.staff.forEach((member, index) => {
    if (seenStaff.has(member.staffId)) {
      throw new InvalidCommand(`staff[${index}].staffId`, `staff id ${member.staffId} appears twice`);
    }
    seenStaff.add(member.staffId);
  });
  const disposition = classify({
    sponsorKind,
    location: locate(province.id, host),
    pairedAssistance: data.pairedAssistance,
  });
  return [{ type: 'OfficeRegistered', data: { ...data, sponsorKind, disposition } }];
}

function disposeAsset(disposal: AssetDisposal, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, ['abolished'], 'dispose of the assets of');
  const asset = current.office.assets[disposal.assetId];
  if (!asset)
    throw new InvalidCommand('assetId', `asset ${disposal.assetId} is not registered for this office`);
  if (asset.disposal)
    throw new InvalidTransition(`asset ${disposal.assetId} has already been disposed of`, current.status);
  const { method, recipient, recipientKind } = disposal;
  if (method === 'write-off') {
    if (recipient !== undefined || recipientKind !== undefined) {
      throw new InvalidCommand('recipient', 'a write-off has no recipient');
    }
  } else {
    if (!recipient?.trim())
      throw new InvalidCommand('recipient', `a disposal by ${method} names its recipient`);
    if (!recipientKind)
      throw new InvalidCommand('recipientKind', `a disposal by ${method} names the kind of recipient`);
    // 严禁借清理之机挪用、私分、侵吞国有资产: only an open auction may put state assets into private hands.
    if (recipientKind === 'private-party' && method !== 'public-auction') {
      throw new PolicyViolation(
        '八(三)',
        'state assets may pass to a private party only through a public auction (严禁借清理之机挪用、私分、侵吞国有资产)',
        'recipientKind',
      );
    }
    if (method === 'public-auction' && disposal.value <= 0) {
      throw new InvalidCommand(
        'value',
        'a public auction records the proceeds realised, which go to the treasury',
      );
    }
  }
  if (!disposal.approvalReference.trim()) {
    throw new InvalidCommand(
      'approvalReference',
      'every disposal cites its approval under the state-owned asset rules',
    );
  }
  return [{ type: 'AssetDisposed', data: { officeId: current.office.officeId, ...disposal } }];
}

function checkAsset(asset: Asset, field: string): void {
  if (!(asset.bookValue >= 0))
    throw new InvalidCommand(`${field}.bookValue`, 'book value must be zero or more');
}

function checkRetentionCase(request: RetentionCase): void {
  if (request.functions.length === 0) {
    throw new PolicyViolation(
      '四',
      'a retained office must take on at least one of the functions of section 四 (economic cooperation, social management and public services, party/league member services, government liaison)',
      'functions',
    );
  }
  if (!request.decoupledFromBusinessEntities) {
    throw new PolicyViolation(
      '五(一)',
      'a retained office must be decoupled from its hotels, guesthouses and other business entities (与所属宾馆、招待所等经营性实体脱钩)',
      'decoupledFromBusinessEntities',
    );
  }
}

export type RegisteredStatus = Exclude<OfficeStatus, 'unregistered'>;

function checkTier(current: Extract<OfficeState, { status: 'retention-requested' }>, tier: Tier): void {
  if (tier !== current.tier) {
    throw new InvalidTransition(
      `the retention request is waiting at the ${current.tier} tier, not the ${tier} tier (逐级上报审批, 三(一))`,
      current.status,
      '三(一)',
    );
  }
}

function expectStatus<S extends RegisteredStatus>(
  state: OfficeState,
  allowed: readonly S[],
  action: string,
): Extract<OfficeState, { status: S }> {
  if (!(allowed as readonly OfficeStatus[]).includes(state.status)) {
    throw new InvalidTransition(
      `cannot ${action} an office that is ${STATUS_LABEL[state.status]}; allowed when ${allowed
        .map((status) => STATUS_LABEL[status])
        .join(' or ')}`,
      state.status,
    );
  }
  return state as Extract<OfficeState, { status: S }>;
}

function required(value: string | undefined, field: string, what: string): string {
  if (!value?.trim()) throw new InvalidCommand(field, `${what} must give its reason in ${field}`);
  return value;
}

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** Fold a stream's events into the office state. */
export function foldOffice(events: Iterable<OfficeEvent>): OfficeState {
  let state = initialState();
  for (const event of events) state = evolve(state, event);
  return state;
}

/** The office's decider, given the jurisdiction tree and the host cities it registers offices against. */
export function officeDecider(context: OfficeContext): Decider<OfficeCommand, OfficeEvent, OfficeState> {
  return { decide: (command, state) => decide(command, state, context), evolve, initialState };
}
