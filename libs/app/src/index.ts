export * from './config';
export * from './queues';
export * from './queue-metrics';
export * from './runtime.module';
export * from './webhook-config';
export * from './handlers';
export * from './operator-commands';
