export * from './stores-health.query';
