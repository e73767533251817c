export * from './ids';
export * from './errors';
export * from './handle-command';
