import { endOfCstDay } from '../calendar';
import { InvalidCommand } from '../errors';
import type { JurisdictionCatalog } from '../jurisdiction';

/**
 * The campaign as data (七): its phases and their deadlines, the units that must file, and the leading group's
 * unit. Nanyang's plan sets 2015-06-15 for work plans, 2015-10-31 for carrying out the clean-up (abolitions,
 * disposals, retention requests decided) and 2015-11-15 for work summaries.
 */
export const PHASES = ['plan', 'carry-out', 'summary'] as const;
export type Phase = (typeof PHASES)[number];

export interface CampaignDefinition {
  campaignId: string;
  name: string;
  /** The city whose leading group (领导小组) runs the campaign; its Bureau receives the filings. */
  leadUnitId: string;
  /** When each phase ends: ISO-8601 instants. */
  deadlines: Record<Phase, string>;
}

export function nanyangCampaign(): CampaignDefinition {
  return {
    campaignId: 'nanyang-2015',
    name: '南阳市清理规范驻省会城市办事机构工作',
    leadUnitId: 'henan.nanyang',
    deadlines: {
      plan: endOfCstDay('2015-06-15').toISOString(),
      'carry-out': endOfCstDay('2015-10-31').toISOString(),
      summary: endOfCstDay('2015-11-15').toISOString(),
    },
  };
}

/**
 * The demo campaign: Nanyang's plan with its deadlines moved near `now`, so a newcomer sees notices within
 * minutes: the work plans fall due two minutes after start, the carry-out phase ends after ten, the summaries
 * after fifteen.
 */
export function demoCampaign(now: Date): CampaignDefinition {
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
  return {
    ...nanyangCampaign(),
    campaignId: 'nanyang-demo',
    name: '南阳市清理规范驻省会城市办事机构工作(演示)',
    deadlines: { plan: at(2), 'carry-out': at(10), summary: at(15) },
  };
}

/**
 * The units that file a work plan and a summary: every county-level unit of the city and every municipal
 * department but the Bureau, which receives them.
 */
export function filingUnits(catalog: JurisdictionCatalog, leadUnitId: string): string[] {
  return catalog
    .all()
    .filter(
      (unit) =>
        unit.parentId === leadUnitId &&
        (unit.kind === 'county' || unit.kind === 'department') &&
        unit.id !== `${leadUnitId}.bureau`,
    )
    .map((unit) => unit.id)
    .sort();
}

/** The phases follow one another (七): plan, then carry out, then summarise. */
export function checkOrder(deadlines: Record<Phase, string>, field: string): void {
  for (let i = 1; i < PHASES.length; i++) {
    const before = PHASES[i - 1]!;
    const phase = PHASES[i]!;
    if (Date.parse(deadlines[phase]) < Date.parse(deadlines[before])) {
      throw new InvalidCommand(
        field,
        `the ${phase} phase cannot end before the ${before} phase (七: plan, carry out, summarise, in that order)`,
        '七',
      );
    }
  }
}
