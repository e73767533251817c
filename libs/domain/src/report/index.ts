export type * from './commands';
export { reportDecider } from './decide';
export type { ReportDeadlinePolicy } from './deadlines';
export * from './events';
export {
  evolve as evolveReport,
  initialState as initialReportState,
  reportStepDone,
  summaryInspectionDone,
  type ReportState,
} from './state';
