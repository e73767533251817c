import { approverTier, governmentOf } from './account/accounts';
import type { JurisdictionCatalog, UnitKind } from './jurisdiction';
import { nextTier, type Tier } from './tiers';

/**
 * Candidate groups: the approvers who may take a task are those of the task's tier bound to the government the
 * tier names on the sponsor's line (the county-level unit, the city, the province), or to that government's offices
 * administration bureau. They are derived from the accounts (role approver, unit) rather than kept as a list of
 * their own: enrolling an approver is what staffs a group. The group is named `<tier>@<government id>`.
 */
export function candidateGroup(tier: string, jurisdictionId: string): string {
  return `${tier}@${jurisdictionId}`;
}

export const GOVERNMENT_KIND_OF_TIER: Readonly<Record<Tier, 'county' | 'city' | 'province'>> = {
  county: 'county',
  municipal: 'city',
  provincial: 'province',
};

/** The tier a government decides at: the inverse of GOVERNMENT_KIND_OF_TIER. */
export function tierOfGovernment(kind: UnitKind): Tier | undefined {
  return (Object.keys(GOVERNMENT_KIND_OF_TIER) as Tier[]).find(
    (tier) => GOVERNMENT_KIND_OF_TIER[tier] === kind,
  );
}

/** The unit whose approvers decide a task at `tier` for an office of this sponsor. */
export function taskJurisdiction(
  jurisdictions: JurisdictionCatalog,
  sponsorUnitId: string,
  tier: Tier,
): string {
  const unit = jurisdictions.nearest(sponsorUnitId, GOVERNMENT_KIND_OF_TIER[tier]);
  // A sponsor with no unit of that kind above it (a provincial body) is decided at the province.
  return (unit ?? jurisdictions.nearest(sponsorUnitId, 'province') ?? jurisdictions.get(sponsorUnitId)).id;
}

/** Who can act in a candidate group now: read from the accounts before a decision that opens a task. */
export interface ApproverRoster {
  hasActiveApprover(tier: Tier, jurisdictionId: string): boolean;
}

/**
 * Why a tier was passed over when a task would have opened there: no government of that tier stands above the
 * sponsor (a county the province administers directly has no city), or nobody can act in its group.
 */
export interface TierBypass {
  tier: Tier;
  candidateGroup: string;
  reason: 'no-government' | 'no-active-approver';
}

/**
 * A task is never created for a group nobody can act in (逐级上报审批 must not stall with nobody able to decide): from
 * `tier` up, each tier whose government does not exist on the sponsor's line, or whose group has no active approver,
 * is passed over to the tier above, and the bypass is recorded with the event that opens the task. The top tier is
 * never passed over: a task for an empty provincial group opens, its group shows as flagged (GET /groups), and its
 * deadline's reminders and escalations run as for any task. Without a roster (a tool with no read models) only tiers
 * without a government are passed over.
 */
export function staffedTier(
  jurisdictions: JurisdictionCatalog,
  sponsorUnitId: string,
  tier: Tier,
  roster: ApproverRoster | undefined,
): { tier: Tier; bypassed: TierBypass[] } {
  const bypassed: TierBypass[] = [];
  let current = tier;
  for (let above = nextTier(current); above !== undefined; above = nextTier(current)) {
    const government = jurisdictions.nearest(sponsorUnitId, GOVERNMENT_KIND_OF_TIER[current]);
    const jurisdictionId = taskJurisdiction(jurisdictions, sponsorUnitId, current);
    const group = candidateGroup(current, jurisdictionId);
    if (!government) bypassed.push({ tier: current, candidateGroup: group, reason: 'no-government' });
    else if (roster && !roster.hasActiveApprover(current, jurisdictionId)) {
      bypassed.push({ tier: current, candidateGroup: group, reason: 'no-active-approver' });
    } else break;
    current = above;
  }
  return { tier: current, bypassed };
}

/** The group an approver bound to `unitId` acts in, or undefined when no approver can be bound there. */
export function groupOfApprover(jurisdictions: JurisdictionCatalog, unitId: string): string | undefined {
  const tier = approverTier(jurisdictions, unitId);
  const government = governmentOf(jurisdictions, unitId);
  return tier && government ? candidateGroup(tier, government.id) : undefined;
}
