import type { CampaignDefinition, Phase } from './phases';

/** One campaign per deployment, in one stream. */
export const CAMPAIGN_STREAM = 'campaign';

export interface CampaignLaunched {
  type: 'CampaignLaunched';
  data: CampaignDefinition & { filingUnits: string[] };
}

export interface PhaseDeadlineMoved {
  type: 'PhaseDeadlineMoved';
  data: { campaignId: string; phase: Phase; from: string; to: string; reason: string };
}

export type CampaignEvent = CampaignLaunched | PhaseDeadlineMoved;
