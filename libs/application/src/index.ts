export * from './tokens';
export * from './read-model-sync';
export * from './commands';
export * from './anchors';
