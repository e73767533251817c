import type { Decider } from '../decider';
import { InvalidCommand, InvalidTransition } from '../errors';
import type { JurisdictionCatalog } from '../jurisdiction';
import type { CampaignCommand, LaunchCampaign, MovePhaseDeadline } from './commands';
import type { CampaignEvent } from './events';
import { checkOrder, filingUnits, PHASES } from './phases';
import { evolve, initialState, type CampaignState } from './state';

/** Launching twice is a retry: the campaign runs once. */
function launch(
  { data }: LaunchCampaign,
  state: CampaignState,
  catalog: JurisdictionCatalog,
): CampaignEvent[] {
  if (state.launched) return [];
  if (!catalog.find(data.leadUnitId)) {
    throw new InvalidCommand('leadUnitId', `leadUnitId ${data.leadUnitId} is not a unit`);
  }
  checkOrder(data.deadlines, 'deadlines');
  return [
    { type: 'CampaignLaunched', data: { ...data, filingUnits: filingUnits(catalog, data.leadUnitId) } },
  ];
}

/** A phase's deadline moves, recording where from and why; the phases stay in order (七). */
function movePhaseDeadline({ data }: MovePhaseDeadline, state: CampaignState): CampaignEvent[] {
  if (!state.launched) throw new InvalidTransition('no campaign has been launched', 'unlaunched');
  const { phase, to, reason } = data;
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

/** The campaign's decider, given the jurisdiction tree its filing units come from. */
export function campaignDecider(
  catalog: JurisdictionCatalog,
): Decider<CampaignCommand, CampaignEvent, CampaignState> {
  return {
    decide(command, state) {
      switch (command.type) {
        case 'LaunchCampaign':
          return launch(command, state, catalog);
        case 'MovePhaseDeadline':
          return movePhaseDeadline(command, state);
        default: {
          const _: never = command;
          throw new Error(`unknown campaign command ${JSON.stringify(_)}`);
        }
      }
    },
    evolve,
    initialState,
  };
}
