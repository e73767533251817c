export * from './streams';
export * from './execute-command';
