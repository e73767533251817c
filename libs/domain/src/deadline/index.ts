export type * from './commands';
export { deadlineDecider } from './decide';
export * from './events';
export * from './ids';
export * from './ladder';
export type { DeadlineState } from './state';
export * from './audiences';
