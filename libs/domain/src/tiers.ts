import type { SponsorKind } from './jurisdiction';

/** Approval climbs county → municipal → provincial (逐级上报审批, 三(一)). */
export type Tier = 'county' | 'municipal' | 'provincial';
export const TIERS: readonly Tier[] = ['county', 'municipal', 'provincial'];

/** A county-level sponsor's request starts at the county tier; the city's own and its departments' at the municipal. */
export function startTier(sponsorKind: SponsorKind): Tier {
  return sponsorKind === 'county-government' || sponsorKind === 'county-department' ? 'county' : 'municipal';
}

/** The tier an approval at `tier` forwards to, or undefined at the top, where approval is final. */
export function nextTier(tier: Tier): Tier | undefined {
  const index = TIERS.indexOf(tier);
  return TIERS[index + 1];
}

export type TierDecision = 'approve' | 'reject' | 'return';

export type TierOutcome =
  | { kind: 'forwarded'; to: Tier }
  | { kind: 'approved' }
  | { kind: 'rejected' }
  | { kind: 'returned'; resubmitTo: Tier };

/** What a decision at a tier does: forward, approve finally, reject, or return (a resubmission comes back here). */
export function routeDecision(tier: Tier, decision: TierDecision): TierOutcome {
  switch (decision) {
    case 'approve': {
      const next = nextTier(tier);
      return next ? { kind: 'forwarded', to: next } : { kind: 'approved' };
    }
    case 'reject':
      return { kind: 'rejected' };
    case 'return':
      return { kind: 'returned', resubmitTo: tier };
    default: {
      const unknown: never = decision;
      throw new Error(`unknown decision ${String(unknown)}`);
    }
  }
}
