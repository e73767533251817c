import type { Tier, TierSla, WorkingCalendar } from '@liaison/domain';
import type { Transaction } from 'kysely';
import { taskDueAt } from './approval-tasks';
import type { TaskTables } from './schema';

/**
 * Brings the due dates of open tasks in line with the SLAs and calendar now configured (a changed TASK_SLA moves
 * every open task's due date); returns how many moved. The deadline read model re-dates their deadlines alike.
 */
export async function redateTasks(
  trx: Transaction<TaskTables>,
  sla: TierSla,
  calendar: WorkingCalendar,
): Promise<number> {
  const open = await trx
    .selectFrom('tasks')
    .select(['task_id', 'tier', 'created_at', 'due_at'])
    .where('status', '=', 'open')
    .execute();
  let moved = 0;
  for (const task of open) {
    const due = taskDueAt(task.created_at, task.tier as Tier, sla, calendar);
    if (due === task.due_at) continue;
    await trx.updateTable('tasks').set({ due_at: due }).where('task_id', '=', task.task_id).execute();
    moved++;
  }
  return moved;
}
