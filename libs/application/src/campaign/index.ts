export * from './campaign.queries';
