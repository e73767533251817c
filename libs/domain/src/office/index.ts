export type * from './commands';
export { officeDecider } from './decide';
export * from './events';
export * from './deadlines';
export {
  evolveTasks,
  openedTask,
  openedTier,
  TASK_CLOSING_EVENTS,
  TASK_KINDS,
  type OfficeStream,
  type TaskKind,
  type TaskRecord,
} from './task-ledger';
export { dispositionFor, type OfficeContext } from './registration';
// Folding without a decider's context (timelines, replays): the office's state and how an event changes it.
export {
  evolve,
  initialState,
  OFFICE_STATUSES,
  type OfficeDisposition,
  type OfficeFacts,
  type OfficeState,
  type OfficeStatus,
  type RegisteredStatus,
  type RulingRecord,
} from './state';
export * from './vocabulary';
