/**
 * Office events as the office decider records them, and the histories the specs start from. Not a spec itself.
 */
import { classify, locate } from '../disposition';
import {
  deadlineSet,
  officeDecider,
  taskDueDate,
  taskIdOf,
  type DeadlineSet,
  type AssetDisposal,
  type AssetDisposed,
  type AssetRegistered,
  type Asset,
  type OfficeAbolished,
  type OfficeClosed,
  type OfficeEvent,
  type OfficeRegistered,
  type OfficeRuledOn,
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
  type OfficeState,
  type OfficeStream,
  type OfficeStatus,
} from '../office';
import type { Tier } from '../tiers';
import { fold as foldWith } from './given-when-then';
import {
  CAR,
  BUILDING,
  DECIDED_AT,
  LAND,
  LI,
  OFFICE_ID,
  RETENTION_CASE,
  UNIT,
  ZHANG,
  nanyangContext,
  registerOffice,
  type OfficeSpec,
} from './office-fixtures';

const CONTEXT = nanyangContext();
const DECIDER = officeDecider(CONTEXT);

/** The state an office with this history is in. */
export function fold(...events: OfficeEvent[]): OfficeState {
  return foldWith(DECIDER, events).office;
}

/** The status of an office's state, or of its stream as the decider folds it. */
export function status(state: OfficeState | OfficeStream): OfficeStatus {
  return 'version' in state ? state.office.status : state.status;
}

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

/** The due date recorded for the task the event at `revision` opened (the default SLA, from DECIDED_AT). */
export function deadlineSetAt(revision: number, tier: Tier): DeadlineSet {
  const taskId = taskIdOf(OFFICE_ID, revision);
  return deadlineSet(OFFICE_ID, taskId, tier, taskDueDate(CONTEXT.taskDeadlines, tier, DECIDED_AT));
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
