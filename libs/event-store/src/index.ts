export * from './event-store.port';
export * from './event-store.errors';
export * from './event-store.constants';
export * from './sqlite-event-store';
export * from './eventstoredb-event-store';
export * from './postgres-event-store';
// The folder's index by name: a hash-chain.js left in dist/ by builds before it was a folder must not shadow it.
export * from './hash-chain/index';
export * from './audit';
export * from './command-handling';
export * from './event-validation';
