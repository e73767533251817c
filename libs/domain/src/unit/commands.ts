import type { Command } from '../decider';
import type { WorkPlanFiled, WorkSummaryFiled } from './events';

/** A filing is dated by the handler (`metadata.now`), which becomes its `filedAt`. */
export type FileWorkPlan = Command<'FileWorkPlan', Omit<WorkPlanFiled['data'], 'filedAt'>>;
export type FileWorkSummary = Command<'FileWorkSummary', Omit<WorkSummaryFiled['data'], 'filedAt'>>;

export type UnitCommand = FileWorkPlan | FileWorkSummary;
