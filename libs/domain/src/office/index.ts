export type * from './commands';
export { officeDecider } from './decide';
export * from './events';
export * from './deadlines';
export { evolveTasks, openedTier, type OfficeStream, type TaskRecord } from './task-ledger';
export type { OfficeContext } from './registration';
// Folding without a decider's context (timelines, replays): the office's state and how an event changes it.
export {
  evolve,
  initialState,
  OFFICE_STATUSES,
  type OfficeFacts,
  type OfficeState,
  type OfficeStatus,
  type RegisteredStatus,
} from './state';
export * from './vocabulary';
