import type { CampaignEvent } from './events';
import type { Phase } from './phases';

export type CampaignState =
  { launched: false } | { launched: true; campaignId: string; deadlines: Record<Phase, string> };

export const initialState = (): CampaignState => ({ launched: false });

export function evolve(state: CampaignState, event: CampaignEvent): CampaignState {
  switch (event.type) {
    case 'CampaignLaunched':
      return { launched: true, campaignId: event.data.campaignId, deadlines: { ...event.data.deadlines } };
    case 'PhaseDeadlineMoved':
      if (!state.launched) return state;
      return { ...state, deadlines: { ...state.deadlines, [event.data.phase]: event.data.to } };
    default: {
      const _: never = event;
      throw new Error(`unknown campaign event ${JSON.stringify(_)}`);
    }
  }
}
