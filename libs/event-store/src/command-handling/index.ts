export * from './ids';
export * from './errors';
export * from './handle-command';
export * from './stream-commands';
