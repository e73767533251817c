/**
 * The office specs' fixtures: Nanyang's jurisdiction tree and the plan's host cities, the units, assets and staff
 * the specs use, and commands to the office decider. Not a spec itself: no tests live here.
 */
import {
  DISPOSITION_RULES,
  NOT_COVERED_RULE,
  type Disposition,
  type Location,
  type RequiredOutcome,
  type RuleId,
} from '../disposition';
import { DEFAULT_TIER_SLA, OFFICIAL_CALENDAR } from '../calendar';
import { JurisdictionCatalog } from '../jurisdiction';
import { HOST_CITIES, NANYANG_UNITS } from '../nanyang';
import type {
  Asset,
  AssetDisposal,
  OfficeCommand,
  OfficeContext,
  RetentionCase,
  Ruling,
  StaffMember,
  StaffPlacement,
} from '../office';
import type { Tier, TierDecision } from '../tiers';

/** The time the specs' commands are handled: Monday 2026-11-30, 09:00 in China Standard Time. */
export const DECIDED_AT = '2026-11-30T01:00:00.000Z';

/** Nanyang's tree and the plan's host cities; tasks get the default SLA on the official calendar. */
export function nanyangContext(): OfficeContext {
  return {
    jurisdictions: new JurisdictionCatalog(NANYANG_UNITS),
    hostCities: new Map(HOST_CITIES.map((city) => [city.id, city])),
    taskDeadlines: { sla: DEFAULT_TIER_SLA, calendar: OFFICIAL_CALENDAR },
  };
}

/** The disposition a registration must carry; the summary is the rule row's own, so a wrong row shows up. */
export function disposition(
  ruleId: RuleId,
  section: string,
  location: Location,
  outcome: RequiredOutcome,
  retentionStartTier?: Tier,
): Disposition {
  const rule = [...DISPOSITION_RULES, NOT_COVERED_RULE].find((candidate) => candidate.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return {
    ruleId,
    section,
    location,
    outcome,
    summary: rule.summary,
    ...(retentionStartTier === undefined ? {} : { retentionStartTier }),
  };
}

/** Units of the Nanyang tree the specs use, one per sponsor category (and two that cannot sponsor). */
export const UNIT = {
  province: 'henan',
  provincialBureau: 'henan.bureau',
  city: 'henan.nanyang',
  municipalCommerce: 'henan.nanyang.commerce',
  wancheng: 'henan.nanyang.wancheng',
  xichuan: 'henan.nanyang.xichuan',
  highTechZone: 'henan.nanyang.high-tech-zone',
  xichuanCommerce: 'henan.nanyang.xichuan.commerce',
  xixiaAgriculture: 'henan.nanyang.xixia.agriculture',
} as const;

export const OFFICE_ID = 'office-1';

export const LAND: Asset = {
  assetId: 'asset-land',
  kind: 'land',
  description: '郑州市金水区办公用地',
  bookValue: 3_200_000,
};
export const BUILDING: Asset = {
  assetId: 'asset-building',
  kind: 'building',
  description: '办公楼',
  bookValue: 5_400_000,
};
export const CAR: Asset = {
  assetId: 'asset-car',
  kind: 'vehicle',
  description: '公务用车 豫R·12345',
  bookValue: 180_000,
};
export const ZHANG: StaffMember = { staffId: 'staff-zhang', name: '张伟' };
export const LI: StaffMember = { staffId: 'staff-li', name: '李娜' };

/** A retention case that satisfies 四 and 五(一). */
export const RETENTION_CASE: RetentionCase = {
  justification: '承担对口援助及政务联络工作',
  functions: ['economic-cooperation', 'government-liaison'],
  decoupledFromBusinessEntities: true,
};

export interface OfficeSpec {
  sponsor: string;
  host: string;
  pairedAssistance?: boolean;
  assets?: Asset[];
  staff?: StaffMember[];
  officeId?: string;
  name?: string;
}

type RegisterOfficeCommand = Extract<OfficeCommand, { type: 'RegisterOffice' }>;

export function registerOffice(spec: OfficeSpec): RegisterOfficeCommand {
  return {
    type: 'RegisterOffice',
    // An office the plan does not cover opens its ruling task at registration, dated from now.
    metadata: { now: DECIDED_AT },
    data: {
      officeId: spec.officeId ?? OFFICE_ID,
      name: spec.name ?? `${spec.sponsor} 驻 ${spec.host} 办事处`,
      sponsorUnitId: spec.sponsor,
      hostCityId: spec.host,
      pairedAssistance: spec.pairedAssistance ?? false,
      assets: spec.assets ?? [],
      staff: spec.staff ?? [],
    },
  };
}

export function ruleOn(
  tier: Tier,
  ruling: Ruling,
  reasoning = '省机关事务管理局裁定',
  approver?: string,
): OfficeCommand {
  return {
    type: 'RuleOnOffice',
    data: approver === undefined ? { tier, ruling, reasoning } : { tier, ruling, reasoning, approver },
  };
}

export function requestRetention(request: RetentionCase = RETENTION_CASE): OfficeCommand {
  return { type: 'RequestRetention', data: request, metadata: { now: DECIDED_AT } };
}

export function decideAt(tier: Tier, decision: TierDecision, comment?: string): OfficeCommand {
  return {
    type: 'DecideRetention',
    data: comment === undefined ? { tier, decision } : { tier, decision, comment },
    metadata: { now: DECIDED_AT },
  };
}

export function resubmitRetention(request: RetentionCase = RETENTION_CASE): OfficeCommand {
  return { type: 'ResubmitRetention', data: request, metadata: { now: DECIDED_AT } };
}

export function abolishOffice(decisionReference = '宛政〔2015〕1号', reason?: string): OfficeCommand {
  return {
    type: 'AbolishOffice',
    data: reason === undefined ? { decisionReference } : { decisionReference, reason },
  };
}

export function registerAsset(asset: Asset): OfficeCommand {
  return { type: 'RegisterAsset', data: { asset } };
}

export function registerStaffMember(staffMember: StaffMember): OfficeCommand {
  return { type: 'RegisterStaffMember', data: { staffMember } };
}

export function recordDisposal(disposal: AssetDisposal): OfficeCommand {
  return { type: 'RecordAssetDisposal', data: disposal };
}

export function recordPlacement(placement: StaffPlacement): OfficeCommand {
  return { type: 'RecordStaffPlacement', data: placement };
}

export function closeOffice(): OfficeCommand {
  return { type: 'CloseOffice', data: {} };
}

/** A lawful disposal: transfer to a government body. Override any part. */
export function transfer(assetId: string, overrides: Partial<AssetDisposal> = {}): AssetDisposal {
  return {
    assetId,
    method: 'transfer',
    recipient: '南阳市直机关事务管理局',
    recipientKind: 'government-body',
    value: 100_000,
    approvalReference: '宛财资〔2015〕12号',
    ...overrides,
  };
}

export function writeOff(assetId: string): AssetDisposal {
  return { assetId, method: 'write-off', value: 0, approvalReference: '宛财资〔2015〕13号' };
}

export function returnedToSponsor(staffId: string): StaffPlacement {
  return { staffId, placement: 'returned-to-sponsor', destination: '宛城区人民政府办公室' };
}
