import {
  ASSET_KINDS,
  DISPOSAL_METHODS,
  PLACEMENT_KINDS,
  type AssetKind,
  type DisposalMethod,
  type HostCity,
  type InspectionVerdict,
  type PlacementKind,
  type RegisteredStatus,
  type RequiredOutcome,
  type ReportStep,
  type ReviewDecision,
  type RuleId,
  type SponsorKind,
} from '@liaison/domain';
import type { OverdueItem } from '../audit/campaign-as-of';

/** The city's report (汇总全市, 七(三)): what it counts, by unit and for the city. */

export const SPONSOR_KINDS: readonly SponsorKind[] = [
  'municipal-government',
  'municipal-department',
  'county-government',
  'county-department',
];

/** Where an office is: its own province's capital, another capital, a city with separate planning status, an SEZ. */
export type HostCategory =
  'home-capital' | 'other-capital' | 'separately-planned-city' | 'special-economic-zone';
export const HOST_CATEGORIES: readonly HostCategory[] = [
  'home-capital',
  'other-capital',
  'separately-planned-city',
  'special-economic-zone',
];

export const REQUIRED_OUTCOMES: readonly RequiredOutcome[] = [
  'abolish',
  'retain-or-abolish',
  'ruling-required',
];

/** Where an office stands: pending is registered, asked to be kept or returned for revision, with nothing final. */
export type Standing = 'abolished' | 'closed' | 'retained' | 'rejected' | 'pending' | 'awaiting-ruling';
export const STANDINGS: readonly Standing[] = [
  'abolished',
  'closed',
  'retained',
  'rejected',
  'pending',
  'awaiting-ruling',
];

export function standingOf(status: RegisteredStatus): Standing {
  switch (status) {
    case 'abolished':
    case 'closed':
    case 'retained':
    case 'rejected':
    case 'awaiting-ruling':
      return status;
    case 'proposed':
    case 'retention-requested':
    case 'returned-for-revision':
      return 'pending';
  }
}

/** An office's host category for a sponsor in `provinceId` (a capital counts first, then planning status). */
export function hostCategory(host: HostCity | undefined, provinceId: string): HostCategory {
  if (!host) return 'other-capital';
  if (host.kinds.includes('provincial-capital')) {
    return host.provinceId === provinceId ? 'home-capital' : 'other-capital';
  }
  return host.kinds.includes('separately-planned-city') ? 'separately-planned-city' : 'special-economic-zone';
}

export interface OfficeTally {
  offices: number;
  bySponsorKind: Record<SponsorKind, number>;
  byHost: Record<HostCategory, number>;
  byRequiredOutcome: Record<RequiredOutcome, number>;
  byStanding: Record<Standing, number>;
}

export interface Amounts {
  count: number;
  /** Yuan. */
  bookValue: number;
}

export interface AssetTally {
  total: Amounts;
  byKind: Record<AssetKind, Amounts>;
  /** Disposed of, by method, with the value realised or transferred; `undisposed` has none. */
  byMethod: Record<DisposalMethod | 'undisposed', Amounts & { value: number }>;
  /** What public auctions brought in for the treasury (八(三)). */
  proceedsToTreasury: number;
}

export interface StaffTally {
  total: number;
  byPlacement: Record<PlacementKind | 'unplaced', number>;
}

export type FilingStatus = 'on-time' | 'late' | 'missing' | 'not-yet-due';

export interface FilingRecord {
  /** The first filing: the one its deadline counts. */
  firstFiledAt: string | null;
  lastFiledAt: string | null;
  status: FilingStatus;
}

export type InspectionStatus = InspectionVerdict | 'awaiting-inspection' | 'not-filed';

export interface UnitReport {
  unitId: string;
  name: string;
  offices: OfficeTally;
  assets: AssetTally;
  staff: StaffTally;
  /** Absent for a unit that does not file (the city's own government). */
  workPlan?: FilingRecord;
  workSummary?: FilingRecord;
  inspection?: {
    status: InspectionStatus;
    comment: string | null;
    inspectedAt: string | null;
    /** When the Bureau's inspection of the summary on file falls due, as recorded. */
    dueAt: string | null;
  };
}

export interface OfficeLine {
  officeId: string;
  name: string;
  sponsorUnitId: string;
  /** The filing unit it is counted under: a county-level unit, a municipal department, or the city itself. */
  unitId: string;
  sponsorKind: SponsorKind;
  hostCityId: string;
  hostCategory: HostCategory;
  ruleId: RuleId;
  requiredOutcome: RequiredOutcome;
  status: RegisteredStatus;
  standing: Standing;
  assets: number;
  bookValue: number;
  disposed: number;
  proceeds: number;
  staff: number;
  placed: number;
}

/** An overdue item the leading group listed for circulation (as `GET /notices/circulation` lists it). */
export interface ReportCirculationItem {
  deadlineId: string;
  kind: string;
  subjectId: string;
  unitId: string;
  title: string;
  dueAt: string;
  listedAt: string;
}

export interface ReportStepRecord {
  step: ReportStep;
  dueAt: string | null;
  status: 'met' | 'pending' | 'overdue';
}

export interface CityReport {
  cityId: string;
  cityName: string;
  provinceId: string;
  at: string;
  campaignId: string | null;
  /** The name of every unit the report mentions (filing units, sponsors, the units of overdue items). */
  unitNames: Record<string, string>;
  units: UnitReport[];
  city: {
    offices: OfficeTally;
    assets: AssetTally;
    staff: StaffTally;
    filings: Record<'workPlan' | 'workSummary', Record<FilingStatus, number>>;
  };
  offices: OfficeLine[];
  overdue: OverdueItem[];
  /** Deadline notices sent within the city, by step. */
  notices: { reminder: number; escalation: number; 'leading-group': number };
  /** The leading group's list to circulate (通报, 八(三)). */
  circulation: ReportCirculationItem[];
  steps: ReportStepRecord[];
  review: { decision: ReviewDecision; comment: string; reviewedAt: string } | null;
  submission: { provinceId: string; submittedAt: string } | null;
}

export function emptyOffices(): OfficeTally {
  const zero = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  return {
    offices: 0,
    bySponsorKind: zero(SPONSOR_KINDS),
    byHost: zero(HOST_CATEGORIES),
    byRequiredOutcome: zero(REQUIRED_OUTCOMES),
    byStanding: zero(STANDINGS),
  };
}

export function emptyAssets(): AssetTally {
  return {
    total: { count: 0, bookValue: 0 },
    byKind: Object.fromEntries(
      ASSET_KINDS.map((kind) => [kind, { count: 0, bookValue: 0 }]),
    ) as AssetTally['byKind'],
    byMethod: Object.fromEntries(
      [...DISPOSAL_METHODS, 'undisposed'].map((method) => [method, { count: 0, bookValue: 0, value: 0 }]),
    ) as AssetTally['byMethod'],
    proceedsToTreasury: 0,
  };
}

export function emptyStaff(): StaffTally {
  return {
    total: 0,
    byPlacement: Object.fromEntries(
      [...PLACEMENT_KINDS, 'unplaced'].map((kind) => [kind, 0]),
    ) as StaffTally['byPlacement'],
  };
}
