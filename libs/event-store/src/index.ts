export * from './event-store.port';
export * from './event-store.errors';
export * from './event-store.constants';
export * from './sqlite-event-store';
export * from './eventstoredb-event-store';
export * from './hash-chain';
export * from './audit';
export * from './command-handling';
