export * from './accounts';
export type * from './commands';
export { accountDecider, checkAccount, sameAccount } from './decide';
export * from './errors';
export * from './events';
export { activeAccount } from './active';
export { evolve as evolveAccount, initialState as initialAccountState } from './state';
export type { AccountRecord, AccountState, RegisteredAccount } from './state';
