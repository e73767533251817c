import type { Disposition } from '../disposition';
import { entryOf, keyed, withEntry, type Keyed } from '../keyed';
import type { SponsorKind } from '../jurisdiction';
import type { Tier } from '../tiers';
import type { OfficeEvent } from './events';
import {
  rulingOutcome,
  type Asset,
  type AssetDisposal,
  type RetentionCase,
  type Ruling,
  type StaffMember,
  type StaffPlacement,
} from './vocabulary';

/** The provincial ruling on an office the plan does not cover, as recorded (OfficeRuledOn). */
export interface RulingRecord {
  ruling: Ruling;
  reasoning: string;
  tier: Tier;
}

/**
 * What the plan requires of the office now: the rule's disposition at registration and, once an office the plan
 * does not cover is ruled on, the ruled outcome (abolish, or retain-or-abolish) with the ruling it rests on.
 */
export type OfficeDisposition = Disposition & { ruling?: RulingRecord };

export interface OfficeFacts {
  officeId: string;
  name: string;
  sponsorUnitId: string;
  sponsorKind: SponsorKind;
  hostCityId: string;
  pairedAssistance: boolean;
  disposition: OfficeDisposition;
  assets: Keyed<Asset & { disposal?: AssetDisposal }>;
  staff: Keyed<StaffMember & { placement?: StaffPlacement }>;
}

export type OfficeStatus = OfficeState['status'];
export type RegisteredStatus = Exclude<OfficeStatus, 'unregistered'>;

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

export type OfficeState =
  | { status: 'unregistered' }
  /** The ruling task is the provincial approvers'; `assignee` once one of them claims it. */
  | { status: 'awaiting-ruling'; office: OfficeFacts; assignee?: string }
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
        assets: keyed(event.data.assets.map((asset) => [asset.assetId, { ...asset }])),
        staff: keyed(event.data.staff.map((member) => [member.staffId, { ...member }])),
      };
      if (disposition.outcome === 'ruling-required') return { status: 'awaiting-ruling', office };
      return disposition.retentionStartTier
        ? { status: 'proposed', office, retentionStartTier: disposition.retentionStartTier }
        : { status: 'proposed', office };
    }
    case 'OfficeRuledOn': {
      const { ruling, reasoning, tier, retentionStartTier } = event.data;
      const before = facts(state);
      const office: OfficeFacts = {
        ...before,
        disposition: {
          ...before.disposition,
          outcome: rulingOutcome(ruling),
          ...(retentionStartTier ? { retentionStartTier } : {}),
          ruling: { ruling, reasoning, tier },
        },
      };
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
      return withTask(state) ? { ...state, assignee: event.data.assignee } : state;
    case 'TaskReleased':
      if (state.status === 'retention-requested') {
        return {
          status: 'retention-requested',
          office: state.office,
          tier: state.tier,
          request: state.request,
        };
      }
      return state.status === 'awaiting-ruling' ? { status: 'awaiting-ruling', office: state.office } : state;
    case 'TaskDelegated':
      return withTask(state) ? { ...state, assignee: event.data.to } : state;
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
        assets: withEntry(office.assets, event.data.asset.assetId, { ...event.data.asset }),
      }));
    case 'StaffMemberRegistered':
      return withFacts(state, (office) => ({
        ...office,
        staff: withEntry(office.staff, event.data.staffMember.staffId, { ...event.data.staffMember }),
      }));
    case 'AssetDisposed':
      return withFacts(state, (office) => {
        const { officeId: _officeId, ...disposal } = event.data;
        const asset = entryOf(office.assets, disposal.assetId);
        return asset
          ? { ...office, assets: withEntry(office.assets, asset.assetId, { ...asset, disposal }) }
          : office;
      });
    case 'StaffPlaced':
      return withFacts(state, (office) => {
        const { officeId: _officeId, ...placement } = event.data;
        const member = entryOf(office.staff, placement.staffId);
        return member
          ? { ...office, staff: withEntry(office.staff, member.staffId, { ...member, placement }) }
          : office;
      });
    case 'OfficeClosed':
      return { status: 'closed', office: facts(state) };
    // A task's due date changes no status: the task ledger keeps it (task-ledger.ts).
    case 'DeadlineSet':
    case 'DeadlineMoved':
      return state;
    default: {
      const _: never = event;
      throw new Error(`unknown office event ${JSON.stringify(_)}`);
    }
  }
}

/** The statuses in which a task waits on the office: its ruling, or its retention request at a tier. */
export type WithOpenTask = Extract<OfficeState, { status: 'awaiting-ruling' | 'retention-requested' }>;

export function withTask(state: OfficeState): state is WithOpenTask {
  return state.status === 'awaiting-ruling' || state.status === 'retention-requested';
}

function facts(state: OfficeState): OfficeFacts {
  if (state.status === 'unregistered') throw new Error('event applied to an unregistered office');
  return state.office;
}

function withFacts(state: OfficeState, change: (office: OfficeFacts) => OfficeFacts): OfficeState {
  return state.status === 'unregistered' ? state : { ...state, office: change(state.office) };
}
