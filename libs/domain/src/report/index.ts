export type * from './commands';
export { reportDecider, type ReportDeadlinePolicy } from './decide';
export * from './events';
export {
  evolve as evolveReport,
  initialState as initialReportState,
  reportStepDone,
  type ReportState,
} from './state';
