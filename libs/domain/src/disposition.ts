import type { HostCity, SponsorKind } from './jurisdiction';
import { startTier, type Tier } from './tiers';

/** Where the office stands relative to the sponsor: in its own province's capital (Zhengzhou for Henan) or outside. */
export type Location = 'home-province-capital' | 'outside-province';

export const RULE_IDS = [
  '三(一)-a',
  '三(一)-b',
  '三(一)-c',
  '三(二)',
  '三(二)-exception',
  'not-covered',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * `abolish`: the plan requires abolition. `retain-or-abolish`: the sponsor may request retention, decided tier by
 * tier. `ruling-required`: the plan is silent, a ruling is needed before anything else happens.
 */
export type RequiredOutcome = 'abolish' | 'retain-or-abolish' | 'ruling-required';

export interface DispositionRule {
  id: RuleId;
  section: string;
  sponsorKinds: readonly SponsorKind[];
  location: Location;
  /** Only for rules that depend on it: whether the office does paired assistance work (对口援助). */
  pairedAssistance?: boolean;
  outcome: RequiredOutcome;
  summary: string;
  /** The plan's own words. */
  text: string;
}

/** Section 三 of the plan as data; `classify` picks the first row that matches. */
export const DISPOSITION_RULES: readonly DispositionRule[] = [
  {
    id: '三(一)-a',
    section: '三(一)',
    sponsorKinds: ['county-government'],
    location: 'home-province-capital',
    outcome: 'abolish',
    summary: "A county-level government's (incl. management committee) office in Zhengzhou is abolished.",
    text: '撤销各县(区)政府(管委会)驻郑州办事机构',
  },
  {
    id: '三(一)-b',
    section: '三(一)',
    sponsorKinds: ['municipal-department', 'county-department'],
    location: 'home-province-capital',
    outcome: 'abolish',
    summary: "A municipal or county-level functional department's office in Zhengzhou is abolished.",
    text: '撤销市、县两级政府职能部门驻郑州办事机构',
  },
  {
    id: '三(一)-c',
    section: '三(一)',
    sponsorKinds: ['municipal-government'],
    location: 'home-province-capital',
    outcome: 'retain-or-abolish',
    summary:
      "The municipal government's own office in Zhengzhou: the city proposes retention or abolition; a retention request is reported up tier by tier for approval.",
    text: '市政府驻郑州办事处要严格按照上级政策要求,根据自身工作情况,提出是否保留的意见,逐级上报审批',
  },
  {
    id: '三(二)-exception',
    section: '三(二)',
    sponsorKinds: ['county-government', 'county-department'],
    location: 'outside-province',
    pairedAssistance: true,
    outcome: 'retain-or-abolish',
    summary:
      'An office outside the province doing paired assistance work may be retained, subject to approval.',
    text: '从事对口援助的驻省会城市办事机构可予保留',
  },
  {
    id: '三(二)',
    section: '三(二)',
    sponsorKinds: ['county-government', 'county-department'],
    location: 'outside-province',
    outcome: 'abolish',
    summary: "A county-level government's or its departments' office outside the province is not retained.",
    text: '各县(区)政府(管委会)及其职能部门在省外设置有驻省会城市办事机构的,不再保留',
  },
];

export const NOT_COVERED_RULE: DispositionRule = {
  id: 'not-covered',
  section: '三',
  sponsorKinds: ['municipal-government', 'municipal-department'],
  location: 'outside-province',
  outcome: 'ruling-required',
  summary:
    'The plan does not say what happens to this office (e.g. a municipal office outside the province); it is routed for a ruling.',
  // The plan has no words for this case; say so rather than quote something that does not apply.
  text: '(方案未作规定,须请示裁定)',
};

export interface Disposition {
  ruleId: RuleId;
  section: string;
  location: Location;
  outcome: RequiredOutcome;
  summary: string;
  /** Where a retention request would start, if one may be made. */
  retentionStartTier?: Tier;
}

export function locate(sponsorProvinceId: string, host: HostCity): Location {
  return host.provinceId === sponsorProvinceId && host.kinds.includes('provincial-capital')
    ? 'home-province-capital'
    : 'outside-province';
}

/** What the plan requires for an office: never a silent guess; uncovered cases say so. */
export function classify(input: {
  sponsorKind: SponsorKind;
  location: Location;
  pairedAssistance: boolean;
}): Disposition {
  const rule =
    DISPOSITION_RULES.find(
      (candidate) =>
        candidate.sponsorKinds.includes(input.sponsorKind) &&
        candidate.location === input.location &&
        (candidate.pairedAssistance === undefined || candidate.pairedAssistance === input.pairedAssistance),
    ) ?? NOT_COVERED_RULE;
  return {
    ruleId: rule.id,
    section: rule.section,
    location: input.location,
    outcome: rule.outcome,
    summary: rule.summary,
    ...(rule.outcome === 'retain-or-abolish' ? { retentionStartTier: startTier(input.sponsorKind) } : {}),
  };
}
