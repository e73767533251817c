import type { OfficeContext, TierSla, WorkingCalendar } from '@liaison/domain';
import { CampaignProjection } from './campaign/projection';
import { DeadlineProjection } from './deadlines/projection';
import { redateTaskDeadlines } from './deadlines/redate';
import { NoticeProjection } from './notices/projection';
import { OfficeListProjection } from './offices/projection';
import type { Projection } from './projection';
import type { ReadStore } from './read-store';
import { readModelsRebuilding } from './rebuild-lock';
import { TaskInboxProjection } from './tasks/projection';
import { redateTasks } from './tasks/redate';

/**
 * Every read model, in the order a batch is applied. Each reads and writes only its own tables, so the order
 * decides nothing but which runs first.
 */
export function readModelProjections(
  deadlines: { taskSla: TierSla; calendar: WorkingCalendar },
  context: OfficeContext,
): Projection[] {
  return [
    new OfficeListProjection(context.jurisdictions),
    new TaskInboxProjection(context.jurisdictions, deadlines.taskSla, deadlines.calendar),
    new CampaignProjection(),
    new DeadlineProjection(context.jurisdictions, deadlines.taskSla, deadlines.calendar),
    new NoticeProjection(),
  ];
}

/**
 * Brings the due dates of open tasks, and their deadlines, in line with the SLAs and calendar now configured, in
 * one transaction; returns how many tasks moved. Run by the process that feeds the read models, before it starts:
 * a changed TASK_SLA moves every open task's due date.
 */
export async function redateOpenTasks(
  readStore: ReadStore,
  sla: TierSla,
  calendar: WorkingCalendar,
): Promise<number> {
  // A rebuild computes every due date afresh with the same configuration.
  if (await readModelsRebuilding(readStore)) return 0;
  return readStore.db.transaction().execute(async (trx) => {
    const moved = await redateTasks(trx, sla, calendar);
    await redateTaskDeadlines(trx, sla, calendar);
    return moved;
  });
}
