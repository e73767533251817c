import { InvalidCommand, InvalidTransition } from '../errors';
import type { ApplyTaskSla, RecordTaskDeadlines } from './commands';
import { deadlineSet, taskDueDate, taskIdOf, type TaskDeadlinePolicy } from './deadlines';
import type { OfficeEvent } from './events';
import { openedTier, type OfficeStream } from './task-ledger';

/**
 * The due date of every task an office's events open, recorded right after the event that opens it: the tier's
 * time for a decision (TASK_SLA) counted from now on the working-day calendar.
 */
export function withDueDates(
  decided: readonly OfficeEvent[],
  stream: OfficeStream,
  policy: TaskDeadlinePolicy,
  now: () => string,
): OfficeEvent[] {
  const out: OfficeEvent[] = [];
  for (const event of decided) {
    const revision = stream.version + out.length;
    out.push(event);
    const tier = openedTier(event);
    if (tier === undefined) continue;
    const taskId = taskIdOf(event.data.officeId, revision);
    out.push(deadlineSet(event.data.officeId, taskId, tier, taskDueDate(policy, tier, now())));
  }
  return out;
}

/**
 * Applies the SLA now configured to the office's open task: its due date, counted again from when the task
 * arrived, moves if the SLA (or the calendar) now gives another; the reason and who applied it go on record.
 */
export function applyTaskSla(
  command: ApplyTaskSla,
  stream: OfficeStream,
  policy: TaskDeadlinePolicy,
): OfficeEvent[] {
  const reason = command.data.reason.trim();
  if (!reason) throw new InvalidCommand('reason', 'moving a due date needs its reason');
  const open = stream.tasks.find((task) => task.open);
  if (!open) {
    throw new InvalidTransition('the office has no open task to re-date', stream.office.status);
  }
  if (!open.dueAt || !open.basis) {
    throw new InvalidTransition(
      `task ${open.taskId} has no recorded due date: record the missing due dates first (npm run migrate)`,
      stream.office.status,
    );
  }
  const officeId = open.taskId.slice(0, open.taskId.lastIndexOf('/'));
  const due = taskDueDate(policy, open.tier, open.basis.from);
  if (due.dueAt === open.dueAt) return [];
  return [
    {
      type: 'DeadlineMoved',
      data: {
        officeId,
        deadlineId: deadlineSet(officeId, open.taskId, open.tier, due).data.deadlineId,
        kind: 'task',
        taskId: open.taskId,
        tier: open.tier,
        from: open.dueAt,
        to: due.dueAt,
        reason,
        basis: due.basis,
      },
    },
  ];
}

/**
 * For a log written before due dates were recorded: the due date of each task that has none, counted by the same
 * rule from when the task arrived (which the command gives, from the events' metadata). Recording them twice
 * records nothing.
 */
export function recordTaskDeadlines(
  command: RecordTaskDeadlines,
  stream: OfficeStream,
  policy: TaskDeadlinePolicy,
): OfficeEvent[] {
  const arrivals = new Map(command.data.tasks.map((task) => [task.taskId, task.arrivedAt]));
  const events: OfficeEvent[] = [];
  for (const task of stream.tasks) {
    if (task.dueAt !== undefined) continue;
    const arrivedAt = arrivals.get(task.taskId);
    if (arrivedAt === undefined) {
      throw new InvalidCommand(
        'tasks',
        `task ${task.taskId} has no recorded due date and no arrival time given`,
      );
    }
    const officeId = task.taskId.slice(0, task.taskId.lastIndexOf('/'));
    events.push(
      deadlineSet(officeId, task.taskId, task.tier, taskDueDate(policy, task.tier, arrivedAt, 'migrated')),
    );
  }
  return events;
}
