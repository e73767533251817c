import { TIERS, nextTier, routeDecision, startTier, type Tier } from './tiers';

describe('三(一) 逐级上报审批: the tiers', () => {
  it('climb county → municipal → provincial', () => {
    expect(TIERS).toStrictEqual(['county', 'municipal', 'provincial']);
    expect(nextTier('county')).toBe('municipal');
    expect(nextTier('municipal')).toBe('provincial');
    expect(nextTier('provincial')).toBeUndefined();
  });

  it.each([
    ['county-government', 'county'],
    ['county-department', 'county'],
    ['municipal-government', 'municipal'],
    ['municipal-department', 'municipal'],
  ] as const)('a request from a %s starts at the %s tier', (sponsorKind, tier) => {
    expect(startTier(sponsorKind)).toBe(tier);
  });

  it.each<[Tier, ReturnType<typeof routeDecision>]>([
    ['county', { kind: 'forwarded', to: 'municipal' }],
    ['municipal', { kind: 'forwarded', to: 'provincial' }],
    ['provincial', { kind: 'approved' }],
  ])('approval at the %s tier', (tier, outcome) => {
    expect(routeDecision(tier, 'approve')).toStrictEqual(outcome);
  });

  it.each<Tier>(['county', 'municipal', 'provincial'])('rejection at the %s tier is final', (tier) => {
    expect(routeDecision(tier, 'reject')).toStrictEqual({ kind: 'rejected' });
  });

  it.each<Tier>(['county', 'municipal', 'provincial'])(
    'a return at the %s tier is resubmitted to that tier',
    (tier) => {
      expect(routeDecision(tier, 'return')).toStrictEqual({ kind: 'returned', resubmitTo: tier });
    },
  );
});
