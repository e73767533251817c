export * from './tokens';
export * from './read-model-sync';
export * from './office-command.handler';
export * from './audit';
