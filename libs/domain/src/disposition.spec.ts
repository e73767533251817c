import { DISPOSITION_RULES, NOT_COVERED_RULE, classify, locate, type RuleId } from './disposition';
import type { HostCity, SponsorKind } from './jurisdiction';
import { HOST_CITIES } from './nanyang';

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
  const table: Array<
    [SponsorKind, 'home-province-capital' | 'outside-province', boolean, RuleId, string | undefined]
  > = [
    ['county-government', 'home-province-capital', false, '三(一)-a', undefined],
    ['county-government', 'home-province-capital', true, '三(一)-a', undefined],
    ['municipal-department', 'home-province-capital', false, '三(一)-b', undefined],
    ['county-department', 'home-province-capital', false, '三(一)-b', undefined],
    ['county-department', 'home-province-capital', true, '三(一)-b', undefined],
    ['municipal-government', 'home-province-capital', false, '三(一)-c', 'municipal'],
    ['county-government', 'outside-province', false, '三(二)', undefined],
    ['county-department', 'outside-province', false, '三(二)', undefined],
    ['county-government', 'outside-province', true, '三(二)-exception', 'county'],
    ['county-department', 'outside-province', true, '三(二)-exception', 'county'],
    ['municipal-department', 'outside-province', false, 'not-covered', undefined],
    ['municipal-department', 'outside-province', true, 'not-covered', undefined],
    ['municipal-government', 'outside-province', false, 'not-covered', undefined],
    ['municipal-government', 'outside-province', true, 'not-covered', undefined],
  ];

  it.each(table)(
    '%s, %s, paired assistance %p → %s (start tier %p)',
    (sponsorKind, location, pairedAssistance, ruleId, tier) => {
      const result = classify({ sponsorKind, location, pairedAssistance });
      expect(result.ruleId).toBe(ruleId);
      expect(result.location).toBe(location);
      expect(result.retentionStartTier).toBe(tier);
      expect('retentionStartTier' in result).toBe(tier !== undefined);
    },
  );

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
