export type * from './commands';
export { reportDecider, type ReportDeadlinePolicy } from './decide';
export * from './events';
export { reportStepDone, type ReportState } from './state';
