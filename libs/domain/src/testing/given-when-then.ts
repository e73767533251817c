/**
 * Given/when/then for the office decider, so a spec reads like the plan:
 *
 *   given(officeRegistered({ sponsor: UNIT.wancheng, host: 'zhengzhou' }))
 *     .when(requestRetention())
 *     .thenRefuses(PolicyViolation, { ruleId: '三(一)-a' });
 *
 * The given events are folded with `evolve`; the command goes through `decide` with Nanyang's jurisdiction tree and
 * the plan's host cities. Not a spec itself: no tests live here.
 */
import { classify, locate } from '../disposition';
import type { DomainError } from '../errors';
import { JurisdictionCatalog } from '../jurisdiction';
import { HOST_CITIES, NANYANG_UNITS } from '../nanyang';
import {
  decide,
  evolve,
  initialState,
  type Asset,
  type AssetDisposal,
  type AssetDisposed,
  type AssetRegistered,
  type OfficeAbolished,
  type OfficeClosed,
  type OfficeCommand,
  type OfficeContext,
  type OfficeEvent,
  type OfficeRegistered,
  type OfficeRuledOn,
  type OfficeState,
  type OfficeStatus,
  type RetentionApproved,
  type RetentionCase,
  type RetentionForwarded,
  type RetentionRejected,
  type RetentionRequested,
  type RetentionResubmitted,
  type RetentionReturned,
  type Ruling,
  type StaffMember,
  type StaffMemberRegistered,
  type StaffPlaced,
  type StaffPlacement,
} from '../office';
import type { Tier, TierDecision } from '../tiers';

// ---------------------------------------------------------------------------------------------------------------
// Context and fixtures
// ---------------------------------------------------------------------------------------------------------------

export function nanyangContext(): OfficeContext {
  return {
    jurisdictions: new JurisdictionCatalog(NANYANG_UNITS),
    hostCities: new Map(HOST_CITIES.map((city) => [city.id, city])),
  };
}

const CONTEXT = nanyangContext();

/** Units of the Nanyang tree the specs use, one per sponsor category (and two that cannot sponsor). */
export const UNIT = {
  province: 'henan',
  provincialBureau: 'henan.bureau',
  city: 'henan.nanyang',
  municipalCommerce: 'henan.nanyang.commerce',
  municipalTransport: 'henan.nanyang.transport',
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

// ---------------------------------------------------------------------------------------------------------------
// Given / when / then
// ---------------------------------------------------------------------------------------------------------------

/**
 * What a refusal must carry. `ruleId` and `field` are always compared: leaving one out asserts the error has none,
 * so a refusal that starts or stops citing a rule fails the spec. `message` is a substring (or pattern);
 * `status` the state an InvalidTransition reports.
 */
export interface RefusalExpectation {
  ruleId?: string;
  field?: string;
  message?: string | RegExp;
  status?: OfficeStatus;
}

type ErrorClass<E extends DomainError> = new (...args: never[]) => E;

export interface Outcome {
  events: OfficeEvent[];
  /** The given state with the produced events applied. */
  state: OfficeState;
}

export class Given {
  readonly state: OfficeState;

  constructor(readonly history: readonly OfficeEvent[]) {
    this.state = history.reduce(evolve, initialState());
  }

  when(command: OfficeCommand): When {
    return new When(this.state, command);
  }
}

export class When {
  constructor(
    private readonly state: OfficeState,
    private readonly command: OfficeCommand,
  ) {}

  /** Asserts exactly these events, in order (no missing, extra or undefined-valued keys). */
  then(...expected: OfficeEvent[]): Outcome {
    const events = decide(this.command, this.state, CONTEXT);
    expect(events).toStrictEqual(expected);
    return { events, state: events.reduce(evolve, this.state) };
  }

  /** Asserts that decide refuses with exactly this error class, rule id and field. */
  thenRefuses<E extends DomainError>(errorClass: ErrorClass<E>, expected: RefusalExpectation = {}): E {
    let events: OfficeEvent[];
    try {
      events = decide(this.command, this.state, CONTEXT);
    } catch (caught) {
      expect(caught).toBeInstanceOf(errorClass);
      const error = caught as E;
      // A subclass would pass instanceof; the refusal kind must be exactly the one named.
      expect(error.constructor).toBe(errorClass);
      expect({ ruleId: error.ruleId, field: error.field }).toStrictEqual({
        ruleId: expected.ruleId,
        field: expected.field,
      });
      if (typeof expected.message === 'string') expect(error.message).toContain(expected.message);
      if (expected.message instanceof RegExp) expect(error.message).toMatch(expected.message);
      if (expected.status !== undefined)
        expect((error as unknown as { status?: string }).status).toBe(expected.status);
      return error;
    }
    throw new Error(
      `expected ${errorClass.name} but ${this.command.type} produced ${JSON.stringify(events)}`,
    );
  }
}

export function given(...history: OfficeEvent[]): Given {
  return new Given(history);
}

// ---------------------------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------------------------

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

export function ruleOn(tier: Tier, ruling: Ruling, reasoning = '省机关事务管理局裁定'): OfficeCommand {
  return { type: 'RuleOnOffice', data: { tier, ruling, reasoning } };
}

export function requestRetention(request: RetentionCase = RETENTION_CASE): OfficeCommand {
  return { type: 'RequestRetention', data: request };
}

export function decideAt(tier: Tier, decision: TierDecision, comment?: string): OfficeCommand {
  return {
    type: 'DecideRetention',
    data: comment === undefined ? { tier, decision } : { tier, decision, comment },
  };
}

export function resubmitRetention(request: RetentionCase = RETENTION_CASE): OfficeCommand {
  return { type: 'ResubmitRetention', data: request };
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

// ---------------------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------------------

/** The registration event the plan's classification gives this office (used to build histories). */
export function officeRegistered(spec: OfficeSpec): OfficeRegistered {
  const { data } = registerOffice(spec);
  const sponsorKind = CONTEXT.jurisdictions.sponsorKind(spec.sponsor);
  const host = CONTEXT.hostCities.get(spec.host);
  const province = CONTEXT.jurisdictions.nearest(spec.sponsor, 'province');
  if (!sponsorKind || !host || !province)
    throw new Error(`fixture: ${spec.sponsor} in ${spec.host} cannot be registered`);
  const disposition = classify({
    sponsorKind,
    location: locate(province.id, host),
    pairedAssistance: data.pairedAssistance,
  });
  return { type: 'OfficeRegistered', data: { ...data, sponsorKind, disposition } };
}

export function officeRuledOn(
  ruling: Ruling,
  retentionStartTier?: Tier,
  reasoning = '省机关事务管理局裁定',
): OfficeRuledOn {
  return {
    type: 'OfficeRuledOn',
    data: {
      officeId: OFFICE_ID,
      ruling,
      reasoning,
      tier: 'provincial',
      ...(retentionStartTier === undefined ? {} : { retentionStartTier }),
    },
  };
}

export function retentionRequested(tier: Tier, request: RetentionCase = RETENTION_CASE): RetentionRequested {
  return { type: 'RetentionRequested', data: { officeId: OFFICE_ID, tier, ...request } };
}

export function retentionForwarded(fromTier: Tier, toTier: Tier, comment?: string): RetentionForwarded {
  return {
    type: 'RetentionForwarded',
    data: { officeId: OFFICE_ID, fromTier, toTier, ...(comment === undefined ? {} : { comment }) },
  };
}

export function retentionApproved(tier: Tier = 'provincial', comment?: string): RetentionApproved {
  return {
    type: 'RetentionApproved',
    data: { officeId: OFFICE_ID, tier, ...(comment === undefined ? {} : { comment }) },
  };
}

export function retentionRejected(tier: Tier, reason = '不符合保留条件'): RetentionRejected {
  return { type: 'RetentionRejected', data: { officeId: OFFICE_ID, tier, reason } };
}

export function retentionReturned(tier: Tier, comment = '请补充职能转变材料'): RetentionReturned {
  return { type: 'RetentionReturned', data: { officeId: OFFICE_ID, tier, comment } };
}

export function retentionResubmitted(
  tier: Tier,
  request: RetentionCase = RETENTION_CASE,
): RetentionResubmitted {
  return { type: 'RetentionResubmitted', data: { officeId: OFFICE_ID, tier, ...request } };
}

export function officeAbolished(decisionReference = '宛政〔2015〕1号', reason?: string): OfficeAbolished {
  return {
    type: 'OfficeAbolished',
    data: { officeId: OFFICE_ID, decisionReference, ...(reason === undefined ? {} : { reason }) },
  };
}

export function assetRegistered(asset: Asset): AssetRegistered {
  return { type: 'AssetRegistered', data: { officeId: OFFICE_ID, asset } };
}

export function staffMemberRegistered(staffMember: StaffMember): StaffMemberRegistered {
  return { type: 'StaffMemberRegistered', data: { officeId: OFFICE_ID, staffMember } };
}

export function assetDisposed(disposal: AssetDisposal): AssetDisposed {
  return { type: 'AssetDisposed', data: { officeId: OFFICE_ID, ...disposal } };
}

export function staffPlaced(placement: StaffPlacement): StaffPlaced {
  return { type: 'StaffPlaced', data: { officeId: OFFICE_ID, ...placement } };
}

export function officeClosed(assetsDisposed: number, staffPlaced: number): OfficeClosed {
  return { type: 'OfficeClosed', data: { officeId: OFFICE_ID, assetsDisposed, staffPlaced } };
}

// ---------------------------------------------------------------------------------------------------------------
// Histories the specs start from
// ---------------------------------------------------------------------------------------------------------------

/** 宛城区人民政府驻郑州办事处 with land, a car and two staff: 三(一)-a, must be abolished. */
export function countyOfficeInZhengzhou(spec: Partial<OfficeSpec> = {}): OfficeRegistered {
  return officeRegistered({
    sponsor: UNIT.wancheng,
    host: 'zhengzhou',
    assets: [LAND, CAR],
    staff: [ZHANG, LI],
    ...spec,
  });
}

/** 南阳市人民政府驻郑州办事处: 三(一)-c, retention starts at the municipal tier. */
export function cityOfficeInZhengzhou(spec: Partial<OfficeSpec> = {}): OfficeRegistered {
  return officeRegistered({
    sponsor: UNIT.city,
    host: 'zhengzhou',
    assets: [BUILDING],
    staff: [ZHANG],
    ...spec,
  });
}

/** 淅川县人民政府驻北京办事处 doing paired assistance: 三(二)-exception, retention starts at the county tier. */
export function pairedAssistanceOffice(spec: Partial<OfficeSpec> = {}): OfficeRegistered {
  return officeRegistered({
    sponsor: UNIT.xichuan,
    host: 'beijing',
    pairedAssistance: true,
    staff: [LI],
    ...spec,
  });
}

/** 南阳市商务局驻深圳办事处: not covered by the plan, awaiting a provincial ruling. */
export function uncoveredOffice(spec: Partial<OfficeSpec> = {}): OfficeRegistered {
  return officeRegistered({ sponsor: UNIT.municipalCommerce, host: 'shenzhen', assets: [CAR], ...spec });
}

/** A county-tier retention request that climbed all three tiers and was approved. */
export function fullRetentionApproval(): OfficeEvent[] {
  return [
    pairedAssistanceOffice(),
    retentionRequested('county'),
    retentionForwarded('county', 'municipal'),
    retentionForwarded('municipal', 'provincial'),
    retentionApproved('provincial'),
  ];
}
