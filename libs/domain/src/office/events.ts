import type { Disposition } from '../disposition';
import type { TierBypass } from '../groups';
import type { SponsorKind } from '../jurisdiction';
import type { Tier } from '../tiers';
import type { DeadlineMoved, DeadlineSet } from './deadlines';
import type { Asset, AssetDisposal, RetentionCase, Ruling, StaffMember, StaffPlacement } from './vocabulary';

/** Every office has its own stream, `office-<officeId>`. */
export const OFFICE_STREAM_PREFIX = 'office-';

export function officeStreamId(officeId: string): string {
  return `${OFFICE_STREAM_PREFIX}${officeId}`;
}

// The facts of an office's life. Type names and data shapes are what the store holds: never rename or reshape.
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
/**
 * `bypassed`: the tiers passed over on the way to `tier` (or `toTier`) because nobody could act there (groups.ts);
 * absent when none was, as in every event written before tiers could be passed over.
 */
export interface RetentionRequested {
  type: 'RetentionRequested';
  data: { officeId: string; tier: Tier; bypassed?: TierBypass[] } & RetentionCase;
}
export interface RetentionForwarded {
  type: 'RetentionForwarded';
  data: { officeId: string; fromTier: Tier; toTier: Tier; comment?: string; bypassed?: TierBypass[] };
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
  data: { officeId: string; tier: Tier; bypassed?: TierBypass[] } & RetentionCase;
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
  | OfficeClosed
  | DeadlineSet
  | DeadlineMoved;
