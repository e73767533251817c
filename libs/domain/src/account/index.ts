export * from './accounts';
export type * from './commands';
export { accountDecider, checkAccount, sameAccount } from './decide';
export * from './errors';
export * from './events';
export type { AccountRecord, AccountState, RegisteredAccount } from './state';
