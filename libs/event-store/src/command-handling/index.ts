export * from './ids';
export * from './stream-commands';
export * from './office-commands';
