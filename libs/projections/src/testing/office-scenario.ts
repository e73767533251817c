/**
 * Realistic office histories for the read-model specs: every event is produced by the real decider through
 * `handleCommand`, with Nanyang's jurisdiction tree and the plan's host cities. Not a spec itself.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Asset,
  OfficeCommand,
  OfficeContext,
  OfficeEvent,
  OfficeStream,
  StaffMember,
} from '@liaison/domain';
import { SqliteEventStore, type EventStore } from '@liaison/event-store';
import { handleCommand, type CommandOutcome, type Position } from '@liaison/event-store';
import { officeContext, officeDecider, OfficeNotFound, officeStreamId } from '@liaison/domain';
import type { OfficeRow } from '../offices/schema';

/** One command on one office, as a clerk or an approver at a tier issues it. */
export interface OfficeStep {
  officeId: string;
  command: OfficeCommand;
  tier?: string;
}

/** What a step appended; an office's stream always has a last position after a command. */
export type StepResult = CommandOutcome<OfficeEvent, OfficeStream> & { position: Position };

const START_OF_CAMPAIGN = Date.parse('2016-03-01T08:00:00.000Z');

/** Runs office commands against an event store, one minute of domain time apart, so timestamps are predictable. */
export class OfficeScenario {
  readonly context: OfficeContext = officeContext();
  private clock = 0;

  constructor(readonly store: EventStore) {}

  /** The domain time the n-th command (0-based) of this scenario runs at. */
  static timeOf(n: number): string {
    return new Date(START_OF_CAMPAIGN + n * 60_000).toISOString();
  }

  private readonly decider = officeDecider(this.context);

  async run(step: OfficeStep): Promise<StepResult> {
    const now = OfficeScenario.timeOf(this.clock++);
    const result = await handleCommand(
      this.store,
      officeStreamId(step.officeId),
      this.decider,
      step.command,
      {
        actor: step.tier ? `${step.tier} approver` : 'sponsor liaison clerk',
        role: step.tier ? 'approver' : 'clerk',
        ...(step.tier ? { tier: step.tier } : {}),
        now,
        ...(step.command.type === 'RegisterOffice'
          ? {}
          : { notFound: () => new OfficeNotFound(step.officeId) }),
      },
    );
    return { ...result, position: result.position! };
  }

  /** Runs the steps in order and returns the result of the last one. */
  async runAll(steps: readonly OfficeStep[]): Promise<StepResult | undefined> {
    let last: StepResult | undefined;
    for (const step of steps) last = await this.run(step);
    return last;
  }
}

/** Temporary SQLite files for a spec file, removed (with their WAL and shared-memory files) by `removeAll`. */
export class TempFiles {
  private readonly files: string[] = [];

  path(prefix: string): string {
    const filename = join(tmpdir(), `${prefix}-${randomUUID()}.sqlite`);
    this.files.push(filename);
    return filename;
  }

  removeAll(): void {
    for (const file of this.files.splice(0)) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
  }
}

export function openTempEventStore(files: TempFiles): SqliteEventStore {
  return new SqliteEventStore({ filename: files.path('projections-events'), pollIntervalMs: 20 });
}

// ---------------------------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------------------------

function asset(assetId: string, kind: Asset['kind'], bookValue: number): Asset {
  return { assetId, kind, description: `${kind} ${assetId}`, bookValue };
}

function staff(staffId: string, name: string): StaffMember {
  return { staffId, name };
}

export function register(
  officeId: string,
  sponsorUnitId: string,
  hostCityId: string,
  options: { pairedAssistance?: boolean; assets?: Asset[]; staff?: StaffMember[] } = {},
): OfficeStep {
  return {
    officeId,
    command: {
      type: 'RegisterOffice',
      data: {
        officeId,
        name: `${sponsorUnitId} office in ${hostCityId}`,
        sponsorUnitId,
        hostCityId,
        pairedAssistance: options.pairedAssistance ?? false,
        assets: options.assets ?? [],
        staff: options.staff ?? [],
      },
    },
  };
}

const RETENTION_CASE = {
  justification: 'Liaison on the South-to-North Water Diversion resettlement',
  functions: ['economic-cooperation', 'government-liaison'] as const,
  decoupledFromBusinessEntities: true,
};

export function requestRetention(officeId: string): OfficeStep {
  return {
    officeId,
    command: {
      type: 'RequestRetention',
      data: { ...RETENTION_CASE, functions: [...RETENTION_CASE.functions] },
    },
  };
}

export function resubmitRetention(officeId: string): OfficeStep {
  return {
    officeId,
    command: {
      type: 'ResubmitRetention',
      data: {
        ...RETENTION_CASE,
        functions: ['social-management'],
        justification: 'Revised: social services only',
      },
    },
  };
}

export function decideRetention(
  officeId: string,
  tier: 'county' | 'municipal' | 'provincial',
  decision: 'approve' | 'reject' | 'return',
): OfficeStep {
  return {
    officeId,
    tier,
    command: {
      type: 'DecideRetention',
      data: {
        tier,
        decision,
        ...(decision === 'approve' ? {} : { comment: `${decision}ed at the ${tier} tier` }),
      },
    },
  };
}

export function ruleOn(officeId: string, ruling: 'abolish' | 'retention-may-be-requested'): OfficeStep {
  return {
    officeId,
    tier: 'provincial',
    command: {
      type: 'RuleOnOffice',
      data: { tier: 'provincial', ruling, reasoning: 'ruled on by the bureau' },
    },
  };
}

export function abolish(officeId: string): OfficeStep {
  return {
    officeId,
    command: {
      type: 'AbolishOffice',
      data: { decisionReference: '宛政办〔2016〕12号', reason: 'section 三' },
    },
  };
}

export function transferAsset(officeId: string, assetId: string): OfficeStep {
  return {
    officeId,
    command: {
      type: 'RecordAssetDisposal',
      data: {
        assetId,
        method: 'transfer',
        recipient: '南阳市直机关事务管理局',
        recipientKind: 'government-body',
        value: 1_200_000,
        approvalReference: '宛国资〔2016〕7号',
      },
    },
  };
}

export function auctionAsset(officeId: string, assetId: string): OfficeStep {
  return {
    officeId,
    command: {
      type: 'RecordAssetDisposal',
      data: {
        assetId,
        method: 'public-auction',
        recipient: 'highest bidder',
        recipientKind: 'private-party',
        value: 86_000,
        approvalReference: '宛国资〔2016〕8号',
      },
    },
  };
}

export function writeOffAsset(officeId: string, assetId: string): OfficeStep {
  return {
    officeId,
    command: {
      type: 'RecordAssetDisposal',
      data: { assetId, method: 'write-off', value: 0, approvalReference: '宛国资〔2016〕9号' },
    },
  };
}

export function place(officeId: string, staffId: string): OfficeStep {
  return {
    officeId,
    command: {
      type: 'RecordStaffPlacement',
      data: { staffId, placement: 'returned-to-sponsor', destination: 'sponsor general office' },
    },
  };
}

export function close(officeId: string): OfficeStep {
  return { officeId, command: { type: 'CloseOffice', data: {} } };
}

export function registerAsset(officeId: string, assetId: string): OfficeStep {
  return { officeId, command: { type: 'RegisterAsset', data: { asset: asset(assetId, 'other', 5_000) } } };
}

export function registerStaffMember(officeId: string, staffId: string): OfficeStep {
  return {
    officeId,
    command: { type: 'RegisterStaffMember', data: { staffMember: staff(staffId, `member ${staffId}`) } },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The campaign: nine offices of Nanyang's units, every disposition rule, every event type
// ---------------------------------------------------------------------------------------------------------------

export const OFFICE = {
  /** Xichuan county's office in Zhengzhou: abolished, assets disposed of, staff placed, closed. */
  xichuanZhengzhou: 'xichuan-zhengzhou',
  /** Xichuan's commerce bureau in Zhengzhou: abolished, one asset written off, its staff not yet placed. */
  xichuanCommerceZhengzhou: 'xichuan-commerce-zhengzhou',
  /** The city's own office in Zhengzhou: retention approved at the municipal, then the provincial tier. */
  nanyangZhengzhou: 'nanyang-zhengzhou',
  /** Xixia county's paired-assistance office in Beijing: returned at the municipal tier and resubmitted there. */
  xixiaBeijing: 'xixia-beijing',
  /** Tanghe's commerce bureau in Shanghai: to be abolished; an asset and a staff member registered late. */
  tangheCommerceShanghai: 'tanghe-commerce-shanghai',
  /** The city's commerce bureau in Beijing: not covered, ruled on, retention rejected, abolished. */
  commerceBeijing: 'commerce-beijing',
  /** The city's development and reform commission in Guangzhou: not covered, still awaiting its ruling. */
  drcGuangzhou: 'drc-guangzhou',
  /** Xichuan county's paired-assistance office in Wuhan: retention requested, waiting at the county tier. */
  xichuanWuhan: 'xichuan-wuhan',
  /** Wancheng district's office in Zhengzhou: to be abolished, nothing done yet. */
  wanchengZhengzhou: 'wancheng-zhengzhou',
} as const;

const O = OFFICE;

/** Registrations in this order, so this is also the order of `seq`. */
export const REGISTRATIONS: readonly OfficeStep[] = [
  register(O.xichuanZhengzhou, 'henan.nanyang.xichuan', 'zhengzhou', {
    assets: [asset('xc-building', 'building', 1_200_000), asset('xc-car', 'vehicle', 150_000)],
    staff: [staff('xc-1', 'Li Wei'), staff('xc-2', 'Wang Fang')],
  }),
  register(O.xichuanCommerceZhengzhou, 'henan.nanyang.xichuan.commerce', 'zhengzhou', {
    assets: [asset('xcc-desk', 'other', 3_000)],
    staff: [staff('xcc-1', 'Zhao Lei')],
  }),
  register(O.nanyangZhengzhou, 'henan.nanyang', 'zhengzhou', { staff: [staff('ny-1', 'Chen Jing')] }),
  register(O.xixiaBeijing, 'henan.nanyang.xixia', 'beijing', { pairedAssistance: true }),
  register(O.tangheCommerceShanghai, 'henan.nanyang.tanghe.commerce', 'shanghai'),
  register(O.commerceBeijing, 'henan.nanyang.commerce', 'beijing', {
    assets: [asset('cb-flat', 'building', 900_000)],
  }),
  register(O.drcGuangzhou, 'henan.nanyang.drc', 'guangzhou'),
  register(O.xichuanWuhan, 'henan.nanyang.xichuan', 'wuhan', { pairedAssistance: true }),
  register(O.wanchengZhengzhou, 'henan.nanyang.wancheng', 'zhengzhou'),
];

/** The events the registrations write: one each, and the due date of the ruling task of the 2 not covered. */
export const REGISTRATION_EVENTS = REGISTRATIONS.length + 2;

/** What happens after registration, interleaved across offices as it would be in a real campaign. */
export const DECISIONS: readonly OfficeStep[] = [
  abolish(O.xichuanZhengzhou),
  requestRetention(O.nanyangZhengzhou),
  requestRetention(O.xixiaBeijing),
  ruleOn(O.commerceBeijing, 'retention-may-be-requested'),
  abolish(O.xichuanCommerceZhengzhou),
  decideRetention(O.nanyangZhengzhou, 'municipal', 'approve'),
  transferAsset(O.xichuanZhengzhou, 'xc-building'),
  decideRetention(O.xixiaBeijing, 'county', 'approve'),
  requestRetention(O.commerceBeijing),
  registerAsset(O.tangheCommerceShanghai, 'th-archive'),
  auctionAsset(O.xichuanZhengzhou, 'xc-car'),
  decideRetention(O.xixiaBeijing, 'municipal', 'return'),
  decideRetention(O.nanyangZhengzhou, 'provincial', 'approve'),
  requestRetention(O.xichuanWuhan),
  decideRetention(O.commerceBeijing, 'municipal', 'reject'),
  place(O.xichuanZhengzhou, 'xc-1'),
  writeOffAsset(O.xichuanCommerceZhengzhou, 'xcc-desk'),
  resubmitRetention(O.xixiaBeijing),
  registerStaffMember(O.tangheCommerceShanghai, 'th-1'),
  abolish(O.commerceBeijing),
  place(O.xichuanZhengzhou, 'xc-2'),
  close(O.xichuanZhengzhou),
];

export const CAMPAIGN: readonly OfficeStep[] = [...REGISTRATIONS, ...DECISIONS];

/** The row columns the campaign determines, office by office (the rest is checked against the log). */
export type ExpectedOffice = Pick<
  OfficeRow,
  | 'office_id'
  | 'sponsor_unit_id'
  | 'sponsor_kind'
  | 'sponsor_path'
  | 'host_city_id'
  | 'paired_assistance'
  | 'rule_id'
  | 'required_outcome'
  | 'ruling'
  | 'ruling_reasoning'
  | 'ruling_tier'
  | 'status'
  | 'pending_tier'
  | 'assets_total'
  | 'assets_disposed'
  | 'staff_total'
  | 'staff_placed'
  | 'version'
>;

const NANYANG = '|henan|henan.nanyang|';
const NOT_RULED = { ruling: null, ruling_reasoning: null, ruling_tier: null };

/** The rows after the whole campaign, in registration order. */
/**
 * The events the campaign writes: one per command, and a due date for each of the 9 tasks it opens (7 by its
 * decisions, 2 rulings by registrations of offices the plan does not cover).
 */
export const CAMPAIGN_EVENTS = 40;

/** Versions count every event of the stream, the due date recorded with each task a decision opened too. */
export const EXPECTED_AFTER_CAMPAIGN: readonly ExpectedOffice[] = [
  {
    office_id: O.xichuanZhengzhou,
    sponsor_unit_id: 'henan.nanyang.xichuan',
    sponsor_kind: 'county-government',
    sponsor_path: `${NANYANG}henan.nanyang.xichuan|`,
    host_city_id: 'zhengzhou',
    paired_assistance: 0,
    rule_id: '三(一)-a',
    required_outcome: 'abolish',
    ...NOT_RULED,
    status: 'closed',
    pending_tier: null,
    assets_total: 2,
    assets_disposed: 2,
    staff_total: 2,
    staff_placed: 2,
    // registered, abolished, two disposals, two placements, closed
    version: 7,
  },
  {
    office_id: O.xichuanCommerceZhengzhou,
    sponsor_unit_id: 'henan.nanyang.xichuan.commerce',
    sponsor_kind: 'county-department',
    sponsor_path: `${NANYANG}henan.nanyang.xichuan|henan.nanyang.xichuan.commerce|`,
    host_city_id: 'zhengzhou',
    paired_assistance: 0,
    rule_id: '三(一)-b',
    required_outcome: 'abolish',
    ...NOT_RULED,
    status: 'abolished',
    pending_tier: null,
    assets_total: 1,
    assets_disposed: 1,
    staff_total: 1,
    staff_placed: 0,
    version: 3,
  },
  {
    office_id: O.nanyangZhengzhou,
    sponsor_unit_id: 'henan.nanyang',
    sponsor_kind: 'municipal-government',
    sponsor_path: NANYANG,
    host_city_id: 'zhengzhou',
    paired_assistance: 0,
    rule_id: '三(一)-c',
    required_outcome: 'retain-or-abolish',
    ...NOT_RULED,
    status: 'retained',
    pending_tier: null,
    assets_total: 0,
    assets_disposed: 0,
    staff_total: 1,
    staff_placed: 0,
    // registered, requested, forwarded to the provincial tier, approved
    version: 6,
  },
  {
    office_id: O.xixiaBeijing,
    sponsor_unit_id: 'henan.nanyang.xixia',
    sponsor_kind: 'county-government',
    sponsor_path: `${NANYANG}henan.nanyang.xixia|`,
    host_city_id: 'beijing',
    paired_assistance: 1,
    rule_id: '三(二)-exception',
    required_outcome: 'retain-or-abolish',
    ...NOT_RULED,
    status: 'retention-requested',
    pending_tier: 'municipal',
    assets_total: 0,
    assets_disposed: 0,
    staff_total: 0,
    staff_placed: 0,
    // registered, requested, forwarded, returned, resubmitted
    version: 8,
  },
  {
    office_id: O.tangheCommerceShanghai,
    sponsor_unit_id: 'henan.nanyang.tanghe.commerce',
    sponsor_kind: 'county-department',
    sponsor_path: `${NANYANG}henan.nanyang.tanghe|henan.nanyang.tanghe.commerce|`,
    host_city_id: 'shanghai',
    paired_assistance: 0,
    rule_id: '三(二)',
    required_outcome: 'abolish',
    ...NOT_RULED,
    status: 'proposed',
    pending_tier: null,
    assets_total: 1,
    assets_disposed: 0,
    staff_total: 1,
    staff_placed: 0,
    version: 3,
  },
  {
    office_id: O.commerceBeijing,
    sponsor_unit_id: 'henan.nanyang.commerce',
    sponsor_kind: 'municipal-department',
    sponsor_path: `${NANYANG}henan.nanyang.commerce|`,
    host_city_id: 'beijing',
    paired_assistance: 0,
    rule_id: 'not-covered',
    required_outcome: 'retain-or-abolish',
    ruling: 'retention-may-be-requested',
    ruling_reasoning: 'ruled on by the bureau',
    ruling_tier: 'provincial',
    status: 'abolished',
    pending_tier: null,
    assets_total: 1,
    assets_disposed: 0,
    staff_total: 0,
    staff_placed: 0,
    // registered (its ruling task dated), ruled on, requested (dated), rejected, abolished
    version: 7,
  },
  {
    office_id: O.drcGuangzhou,
    sponsor_unit_id: 'henan.nanyang.drc',
    sponsor_kind: 'municipal-department',
    sponsor_path: `${NANYANG}henan.nanyang.drc|`,
    host_city_id: 'guangzhou',
    paired_assistance: 0,
    rule_id: 'not-covered',
    required_outcome: 'ruling-required',
    ...NOT_RULED,
    status: 'awaiting-ruling',
    pending_tier: null,
    assets_total: 0,
    assets_disposed: 0,
    staff_total: 0,
    staff_placed: 0,
    // registered, its ruling task dated
    version: 2,
  },
  {
    office_id: O.xichuanWuhan,
    sponsor_unit_id: 'henan.nanyang.xichuan',
    sponsor_kind: 'county-government',
    sponsor_path: `${NANYANG}henan.nanyang.xichuan|`,
    host_city_id: 'wuhan',
    paired_assistance: 1,
    rule_id: '三(二)-exception',
    required_outcome: 'retain-or-abolish',
    ...NOT_RULED,
    status: 'retention-requested',
    pending_tier: 'county',
    assets_total: 0,
    assets_disposed: 0,
    staff_total: 0,
    staff_placed: 0,
    version: 3,
  },
  {
    office_id: O.wanchengZhengzhou,
    sponsor_unit_id: 'henan.nanyang.wancheng',
    sponsor_kind: 'county-government',
    sponsor_path: `${NANYANG}henan.nanyang.wancheng|`,
    host_city_id: 'zhengzhou',
    paired_assistance: 0,
    rule_id: '三(一)-a',
    required_outcome: 'abolish',
    ...NOT_RULED,
    status: 'proposed',
    pending_tier: null,
    assets_total: 0,
    assets_disposed: 0,
    staff_total: 0,
    staff_placed: 0,
    version: 1,
  },
];

/** Every column but `seq` after the whole campaign, when the campaign is the first thing a scenario runs. */
export function expectedCampaignRows(): Omit<OfficeRow, 'seq'>[] {
  return EXPECTED_AFTER_CAMPAIGN.map((expected) => {
    const registeredAt = CAMPAIGN.findIndex((step) => step.officeId === expected.office_id);
    const lastChange = CAMPAIGN.findLastIndex((step) => step.officeId === expected.office_id);
    const registration = CAMPAIGN[registeredAt]!.command;
    if (registration.type !== 'RegisterOffice')
      throw new Error(`${expected.office_id} is not registered first`);
    return {
      ...expected,
      name: registration.data.name,
      registered_at: OfficeScenario.timeOf(registeredAt),
      updated_at: OfficeScenario.timeOf(lastChange),
    };
  });
}
