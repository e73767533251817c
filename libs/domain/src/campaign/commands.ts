import type { Command } from '../decider';
import type { CampaignDefinition, Phase } from './phases';

export type LaunchCampaign = Command<'LaunchCampaign', CampaignDefinition>;
export type MovePhaseDeadline = Command<'MovePhaseDeadline', { phase: Phase; to: string; reason: string }>;

export type CampaignCommand = LaunchCampaign | MovePhaseDeadline;
