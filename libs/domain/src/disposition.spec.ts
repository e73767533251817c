import {
  DISPOSITION_RULES,
  NOT_COVERED_RULE,
  classify,
  locate,
  type Location,
  type RequiredOutcome,
  type RuleId,
} from './disposition';
import type { HostCity, SponsorKind } from './jurisdiction';
import { HOST_CITIES } from './nanyang';
import type { Tier } from './tiers';

function city(id: string): HostCity {
  const found = HOST_CITIES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no host city ${id}`);
  return found;
}

describe('一 驻在地: where an office stands relative to its sponsor', () => {
  it('Zhengzhou is the home-province capital for a Henan sponsor', () => {
    expect(locate('henan', city('zhengzhou'))).toBe('home-province-capital');
  });

  it.each(['beijing', 'wuhan', 'shenzhen', 'xiamen', 'haikou', 'horgos'])(
    '%s is outside the province',
    (id) => {
      expect(locate('henan', city(id))).toBe('outside-province');
    },
  );

  it("another province's capital is home only for that province's sponsors", () => {
    expect(locate('hubei', city('wuhan'))).toBe('home-province-capital');
    expect(locate('hubei', city('zhengzhou'))).toBe('outside-province');
  });

  it('a separately planned city is never the home capital, even inside its own province', () => {
    expect(locate('guangdong', city('shenzhen'))).toBe('outside-province');
  });
});

describe('三 classify: the rules table', () => {
  // Every sponsor kind × location × paired assistance: the rule that applies, its section and outcome, and where a
  // retention request would start.
  // prettier-ignore
  const table: Array<[SponsorKind, Location, boolean, RuleId, string, RequiredOutcome, Tier | undefined]> = [
    ['county-government', 'home-province-capital', false, '三(一)-a', '三(一)', 'abolish', undefined],
    ['county-government', 'home-province-capital', true, '三(一)-a', '三(一)', 'abolish', undefined],
    ['county-department', 'home-province-capital', false, '三(一)-b', '三(一)', 'abolish', undefined],
    ['county-department', 'home-province-capital', true, '三(一)-b', '三(一)', 'abolish', undefined],
    ['municipal-department', 'home-province-capital', false, '三(一)-b', '三(一)', 'abolish', undefined],
    ['municipal-department', 'home-province-capital', true, '三(一)-b', '三(一)', 'abolish', undefined],
    ['municipal-government', 'home-province-capital', false, '三(一)-c', '三(一)', 'retain-or-abolish', 'municipal'],
    ['municipal-government', 'home-province-capital', true, '三(一)-c', '三(一)', 'retain-or-abolish', 'municipal'],
    ['county-government', 'outside-province', false, '三(二)', '三(二)', 'abolish', undefined],
    ['county-government', 'outside-province', true, '三(二)-exception', '三(二)', 'retain-or-abolish', 'county'],
    ['county-department', 'outside-province', false, '三(二)', '三(二)', 'abolish', undefined],
    ['county-department', 'outside-province', true, '三(二)-exception', '三(二)', 'retain-or-abolish', 'county'],
    ['municipal-department', 'outside-province', false, 'not-covered', '三', 'ruling-required', undefined],
    ['municipal-department', 'outside-province', true, 'not-covered', '三', 'ruling-required', undefined],
    ['municipal-government', 'outside-province', false, 'not-covered', '三', 'ruling-required', undefined],
    ['municipal-government', 'outside-province', true, 'not-covered', '三', 'ruling-required', undefined],
  ];

  it.each(table)(
    '%s, %s, paired assistance %p → %s (%s, %s, start tier %p)',
    (sponsorKind, location, pairedAssistance, ruleId, section, outcome, tier) => {
      const result = classify({ sponsorKind, location, pairedAssistance });
      expect(result.ruleId).toBe(ruleId);
      expect(result.section).toBe(section);
      expect(result.outcome).toBe(outcome);
      expect(result.location).toBe(location);
      expect(result.retentionStartTier).toBe(tier);
      expect('retentionStartTier' in result).toBe(tier !== undefined);
    },
  );

  it('the table covers every sponsor kind, location and paired-assistance case once', () => {
    const kinds: SponsorKind[] = [
      'county-government',
      'county-department',
      'municipal-government',
      'municipal-department',
    ];
    const locations: Location[] = ['home-province-capital', 'outside-province'];
    const every = kinds.flatMap((kind) =>
      locations.flatMap((location) => [false, true].map((paired) => `${kind}|${location}|${paired}`)),
    );
    const rows = table.map(([kind, location, paired]) => `${kind}|${location}|${paired}`);
    expect([...rows].sort()).toStrictEqual([...every].sort());
  });

  it('gives each rule its outcome and section', () => {
    const outcome = (
      sponsorKind: SponsorKind,
      location: 'home-province-capital' | 'outside-province',
      paired = false,
    ) => {
      const {
        ruleId,
        section,
        outcome: required,
      } = classify({ sponsorKind, location, pairedAssistance: paired });
      return [ruleId, section, required];
    };
    expect([
      outcome('county-government', 'home-province-capital'),
      outcome('county-department', 'home-province-capital'),
      outcome('municipal-government', 'home-province-capital'),
      outcome('county-government', 'outside-province'),
      outcome('county-government', 'outside-province', true),
      outcome('municipal-government', 'outside-province'),
    ]).toStrictEqual([
      ['三(一)-a', '三(一)', 'abolish'],
      ['三(一)-b', '三(一)', 'abolish'],
      ['三(一)-c', '三(一)', 'retain-or-abolish'],
      ['三(二)', '三(二)', 'abolish'],
      ['三(二)-exception', '三(二)', 'retain-or-abolish'],
      ['not-covered', '三', 'ruling-required'],
    ]);
  });

  it('says so when the plan is silent, with a summary a user can read', () => {
    const result = classify({
      sponsorKind: 'municipal-government',
      location: 'outside-province',
      pairedAssistance: false,
    });
    expect(result.summary).toBe(NOT_COVERED_RULE.summary);
    expect(result.summary).toContain('routed for a ruling');
  });

  it('every row cites the plan in its own words, with a unique id', () => {
    const ids = DISPOSITION_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toStrictEqual(
      ['三(一)-a', '三(一)-b', '三(一)-c', '三(二)', '三(二)-exception'].sort(),
    );
    for (const rule of DISPOSITION_RULES) expect(rule.text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the paired-assistance exception is checked before the general 三(二) row', () => {
    const order = DISPOSITION_RULES.map((rule) => rule.id);
    expect(order.indexOf('三(二)-exception')).toBeLessThan(order.indexOf('三(二)'));
  });
});
