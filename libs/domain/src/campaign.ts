import type { Decider } from './decider';
import { endOfCstDay } from './calendar';
import { InvalidCommand, InvalidTransition } from './errors';
import type { JurisdictionCatalog } from './jurisdiction';

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

export interface CampaignLaunched {
  type: 'CampaignLaunched';
  data: CampaignDefinition & { filingUnits: string[] };
}

export interface PhaseDeadlineMoved {
  type: 'PhaseDeadlineMoved';
  data: { campaignId: string; phase: Phase; from: string; to: string; reason: string };
}

export type CampaignEvent = CampaignLaunched | PhaseDeadlineMoved;

export type CampaignCommand =
  | { type: 'LaunchCampaign'; data: CampaignDefinition }
  | { type: 'MovePhaseDeadline'; data: { phase: Phase; to: string; reason: string } };

export type CampaignState =
  { launched: false } | { launched: true; campaignId: string; deadlines: Record<Phase, string> };

export const initialCampaignState = (): CampaignState => ({ launched: false });

export function evolveCampaign(state: CampaignState, event: CampaignEvent): CampaignState {
  switch (event.type) {
    case 'CampaignLaunched':
      return { launched: true, campaignId: event.data.campaignId, deadlines: { ...event.data.deadlines } };
    case 'PhaseDeadlineMoved':
      if (!state.launched) return state;
      return { ...state, deadlines: { ...state.deadlines, [event.data.phase]: event.data.to } };
  }
}

export function decideCampaign(
  command: CampaignCommand,
  state: CampaignState,
  catalog: JurisdictionCatalog,
): CampaignEvent[] {
  switch (command.type) {
    case 'LaunchCampaign': {
      // Launching twice is a retry: the campaign runs once.
      if (state.launched) return [];
      const { data } = command;
      if (!catalog.find(data.leadUnitId)) {
        throw new InvalidCommand('leadUnitId', `leadUnitId ${data.leadUnitId} is not a unit`);
      }
      checkOrder(data.deadlines, 'deadlines');
      return [
        { type: 'CampaignLaunched', data: { ...data, filingUnits: filingUnits(catalog, data.leadUnitId) } },
      ];
    }
    case 'MovePhaseDeadline': {
      if (!state.launched) throw new InvalidTransition('no campaign has been launched', 'unlaunched');
      const { phase, to, reason } = command.data;
      if (!PHASES.includes(phase)) {
        throw new InvalidCommand('phase', `phase must be one of ${PHASES.join(', ')} (七)`);
      }
      if (Number.isNaN(Date.parse(to))) {
        throw new InvalidCommand('to', 'to must be an ISO-8601 date and time');
      }
      const moved = new Date(to).toISOString();
      if (moved === state.deadlines[phase]) return [];
      checkOrder({ ...state.deadlines, [phase]: moved }, 'to');
      return [
        {
          type: 'PhaseDeadlineMoved',
          data: { campaignId: state.campaignId, phase, from: state.deadlines[phase], to: moved, reason },
        },
      ];
    }
  }
}

/** The phases follow one another (七): plan, then carry out, then summarise. */
function checkOrder(deadlines: Record<Phase, string>, field: string): void {
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

export const CAMPAIGN_STREAM = 'campaign';

export function campaignDecider(
  catalog: JurisdictionCatalog,
): Decider<CampaignCommand, CampaignEvent, CampaignState> {
  return {
    decide: (command, state) => decideCampaign(command, state, catalog),
    evolve: evolveCampaign,
    initialState: initialCampaignState,
  };
}
