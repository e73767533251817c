import { endOfCstDay } from '../calendar';
import { InvalidCommand } from '../errors';
import type { JurisdictionCatalog } from '../jurisdiction';

/**
 * The campaign as data (七): its phases and their deadlines, the units that must file, and the leading group's
 * unit (a city, or the province for a province-wide campaign). The plan sets 2015-06-15 for work plans, 2015-10-31
 * for carrying out the clean-up (abolitions, disposals, retention requests decided) and 2015-11-15 for work
 * summaries.
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

/** The plan's own deadlines (七): 2015-06-15, 2015-10-31, 2015-11-15, each to the end of the day in Beijing. */
export function planDeadlines(): Record<Phase, string> {
  return {
    plan: endOfCstDay('2015-06-15').toISOString(),
    'carry-out': endOfCstDay('2015-10-31').toISOString(),
    summary: endOfCstDay('2015-11-15').toISOString(),
  };
}

/**
 * The campaign a city (or the whole province) runs on the plan's dates: `<lead>-2015`, the lead named by the last
 * part of its id (`henan.nanyang` → `nanyang-2015`, `410300` → `410300-2015`).
 */
export function planCampaign(lead: { id: string; name: string }): CampaignDefinition {
  return {
    campaignId: `${campaignKey(lead.id)}-2015`,
    name: `${lead.name}清理规范驻省会城市办事机构工作`,
    leadUnitId: lead.id,
    deadlines: planDeadlines(),
  };
}

function campaignKey(unitId: string): string {
  return unitId.slice(unitId.lastIndexOf('.') + 1);
}

/** Nanyang's campaign, as 宛政办〔2015〕93号 sets it out. */
export function nanyangCampaign(): CampaignDefinition {
  return planCampaign({ id: 'henan.nanyang', name: '南阳市' });
}

/**
 * The demo campaign: the plan with its deadlines moved near `now`, so a newcomer sees notices within minutes: the
 * work plans fall due two minutes after start, the carry-out phase ends after ten, the summaries after fifteen.
 */
export function demoCampaign(
  now: Date,
  lead: { id: string; name: string } = { id: 'henan.nanyang', name: '南阳市' },
): CampaignDefinition {
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
  const plan = planCampaign(lead);
  return {
    ...plan,
    campaignId: `${campaignKey(lead.id)}-demo`,
    name: `${plan.name}(演示)`,
    deadlines: { plan: at(2), 'carry-out': at(10), summary: at(15) },
  };
}

/**
 * The units that file a work plan and a summary: every live county-level unit of the city and every municipal
 * department but the Bureau, which receives them. A province-wide campaign: those of every city, and the
 * county-level units the province administers directly.
 */
export function filingUnits(catalog: JurisdictionCatalog, leadUnitId: string): string[] {
  const lead = catalog.find(leadUnitId);
  const units =
    lead?.kind === 'province'
      ? catalog
          .children(leadUnitId)
          .flatMap((unit) =>
            unit.kind === 'city'
              ? filingUnits(catalog, unit.id)
              : unit.kind === 'county' && !unit.retired
                ? [unit.id]
                : [],
          )
      : catalog
          .children(leadUnitId)
          .filter(
            (unit) =>
              (unit.kind === 'county' || unit.kind === 'department') &&
              !unit.retired &&
              unit.id !== `${leadUnitId}.bureau`,
          )
          .map((unit) => unit.id);
  return units.sort();
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
