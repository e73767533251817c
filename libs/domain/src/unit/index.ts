export type * from './commands';
export { unitDecider } from './decide';
export * from './events';
export type { UnitState } from './state';
