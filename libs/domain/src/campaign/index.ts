export type * from './commands';
export { campaignDecider } from './decide';
export * from './events';
export {
  demoCampaign,
  filingUnits,
  nanyangCampaign,
  planCampaign,
  planDeadlines,
  PHASES,
  type CampaignDefinition,
  type Phase,
} from './phases';
export type { CampaignState } from './state';
