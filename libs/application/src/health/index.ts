export * from './stores-health.query';
export * from './projection-lag.query';
