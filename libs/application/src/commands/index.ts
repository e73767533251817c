export * from './streams';
export * from './execute-command';
export * from './command-metrics';
