import { taskDeadlineId, type Tier, type TierSla, type WorkingCalendar } from '@liaison/domain';
import type { Transaction } from 'kysely';
import { chunks } from '../projection';
import { taskDueAt } from '../tasks/approval-tasks';
import { nextChangeSeq, type DeadlineTables } from './schema';

/**
 * Brings the due dates of open tasks' deadlines in line with the SLAs and calendar now configured, as the task
 * read model does with the tasks: the old due date kept as `previous_due_at`, so the scheduler drops the jobs it
 * set for it, and every move numbered in the change feed. Returns how many moved.
 */
export async function redateTaskDeadlines(
  trx: Transaction<DeadlineTables>,
  sla: TierSla,
  calendar: WorkingCalendar,
): Promise<number> {
  const offices = await trx
    .selectFrom('deadline_offices')
    .select(['office_id', 'open_task_id', 'open_task_created_at'])
    .where('open_task_id', 'is not', null)
    .execute();
  let moved = 0;
  let changeSeq: number | undefined;
  for (const chunk of chunks(offices)) {
    const created = new Map(
      chunk.map((office) => [taskDeadlineId(office.open_task_id!), office.open_task_created_at!]),
    );
    const deadlines = await trx
      .selectFrom('deadlines')
      .select(['deadline_id', 'tier', 'due_at'])
      .where('deadline_id', 'in', [...created.keys()])
      .execute();
    for (const deadline of deadlines) {
      const due = taskDueAt(created.get(deadline.deadline_id)!, deadline.tier as Tier, sla, calendar);
      if (due === deadline.due_at) continue;
      await trx
        .updateTable('deadlines')
        .set({
          due_at: due,
          previous_due_at: deadline.due_at,
          changed_seq: (changeSeq ??= await nextChangeSeq(trx)),
        })
        .where('deadline_id', '=', deadline.deadline_id)
        .execute();
      moved++;
    }
  }
  return moved;
}
