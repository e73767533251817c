import type { Tier, TierSla, WorkingCalendar } from '@liaison/domain';
import type { ReadStore } from '../read-store';

export interface OpenTaskDates {
  open: number;
  /** Open tasks with no recorded due date: a log written before due dates were events (npm run migrate). */
  undated: number;
  /** Open tasks whose recorded due date is not what the configured SLA gives (npm run apply-sla). */
  offSla: number;
}

/**
 * Compares the open tasks' recorded due dates with the SLA configured now, without changing any: a changed
 * TASK_SLA moves due dates only by the apply-sla command, on record.
 */
export async function openTaskDates(
  readStore: ReadStore,
  sla: TierSla,
  calendar: WorkingCalendar,
): Promise<OpenTaskDates> {
  const open = await readStore.db
    .selectFrom('tasks')
    .select(['tier', 'created_at', 'due_at'])
    .where('status', '=', 'open')
    .execute();
  let undated = 0;
  let offSla = 0;
  for (const task of open) {
    if (task.due_at === null) undated++;
    else if (calendar.add(new Date(task.created_at), sla[task.tier as Tier]).toISOString() !== task.due_at)
      offSla++;
  }
  return { open: open.length, undated, offSla };
}
