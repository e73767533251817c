import type { RequiredOutcome } from '../disposition';
import type { Tier } from '../tiers';

/** The office's vocabulary: the assets, staff, retention cases and rulings its events and commands speak of. */

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

/** A ruling on an office the plan does not cover. */
export type Ruling = 'abolish' | 'retention-may-be-requested';
export const RULINGS: readonly Ruling[] = ['abolish', 'retention-may-be-requested'];

/** 三: a case the plan does not cover is ruled on by the provincial tier (省机关事务管理局). */
export const RULING_TIER: Tier = 'provincial';

/** What the plan requires of an office once ruled on: abolition, or a retention request decided tier by tier. */
export function rulingOutcome(ruling: Ruling): Exclude<RequiredOutcome, 'ruling-required'> {
  return ruling === 'abolish' ? 'abolish' : 'retain-or-abolish';
}
