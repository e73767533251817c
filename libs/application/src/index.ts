export * from './tokens';
export * from './read-model-sync';
export * from './commands';
export * from './anchors';
export * from './offices';
export * from './tasks';
export * from './campaign';
export * from './health';
