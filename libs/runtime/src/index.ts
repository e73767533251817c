export * from './config';
export * from './ids';
export * from './office-commands';
export * from './runtime.module';
export * from './office-command.handler';
export * from './deadline-notices';
export * from './deadline-scheduler';
export * from './stream-commands';
