export type * from './commands';
export * from './events';
export { regulationDecider } from './decide';
export { DEFAULT_REGULATION_SLA, type RegulationPolicy } from './deadlines';
export {
  evolve as evolveRegulation,
  initialState as initialRegulationState,
  regulationDeadlineMet,
  regulationDeadlinesTouched,
  deadlineMetBy as regulationDeadlineMetBy,
  type RegulationState,
} from './state';
export * from './obligations';
