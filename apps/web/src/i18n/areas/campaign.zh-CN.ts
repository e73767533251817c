import type { campaignEn } from './campaign.en';

export const campaignZhCN: Record<keyof typeof campaignEn, string> = {};
