import type { OfficeContext, TierSla, WorkingCalendar } from '@liaison/domain';
import { DeadlineProjection } from './deadline-projection';
import { OfficeListProjection } from './office-projection';
import type { Projection } from './office-projection';
import { TaskInboxProjection } from './task-projection';

/** Every read model, in the order a batch is applied (tasks read the office rows written before them). */
export function readModelProjections(
  deadlines: { taskSla: TierSla; calendar: WorkingCalendar },
  context: OfficeContext,
): Projection[] {
  return [
    new OfficeListProjection(context.jurisdictions),
    new TaskInboxProjection(context.jurisdictions, deadlines.taskSla, deadlines.calendar),
    new DeadlineProjection(context.jurisdictions),
  ];
}
