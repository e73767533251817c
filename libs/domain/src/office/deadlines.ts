import type { Duration, TierSla, WorkingCalendar } from '../calendar';
import { taskDeadlineId } from '../deadline/ids';
import type { Tier } from '../tiers';

/**
 * A tier decision's due date (七, 八: the leading group supervises and hastens the work). The plan sets no number
 * of days; the service is configured with one per tier (TASK_SLA), and the due date is decided once, when the task
 * arrives at the tier, and recorded with its basis, so no later reading of the configuration moves it. A changed
 * SLA moves open tasks only by an explicit command, recorded with who applied it and why.
 */
export interface TaskDeadlinePolicy {
  sla: TierSla;
  calendar: WorkingCalendar;
}

export interface TaskDueDateBasis {
  /**
   * `task-sla`: the tier's time for a decision when the task arrived or the SLA was applied; `migrated`: dated
   * afterwards, by the same rule, for a log written before due dates were recorded.
   */
  rule: 'task-sla' | 'migrated';
  tier: Tier;
  /** The time allowed: working days, or a fixed duration. */
  allowed: Duration;
  /** Counted from: when the task arrived at the tier. */
  from: string;
  /** The working-day calendar it was counted on. */
  calendar: string;
}

export interface DeadlineSet {
  type: 'DeadlineSet';
  data: {
    officeId: string;
    deadlineId: string;
    kind: 'task';
    taskId: string;
    tier: Tier;
    dueAt: string;
    basis: TaskDueDateBasis;
  };
}

export interface DeadlineMoved {
  type: 'DeadlineMoved';
  data: {
    officeId: string;
    deadlineId: string;
    kind: 'task';
    taskId: string;
    tier: Tier;
    from: string;
    to: string;
    reason: string;
    basis: TaskDueDateBasis;
  };
}

export type TaskDeadlineEvent = DeadlineSet | DeadlineMoved;

/**
 * `<officeId>/<revision of the event that opened it>`: the task a retention request waits in at one tier, or the
 * ruling task an office the plan does not cover opens at registration (`<officeId>/0`).
 */
export function taskIdOf(officeId: string, revision: number): string {
  return `${officeId}/${revision}`;
}

/** The due date the policy gives a task that arrived at `tier` at `from`, with its basis. */
export function taskDueDate(
  policy: TaskDeadlinePolicy,
  tier: Tier,
  from: string,
  rule: TaskDueDateBasis['rule'] = 'task-sla',
): { dueAt: string; basis: TaskDueDateBasis } {
  const allowed = policy.sla[tier];
  return {
    dueAt: policy.calendar.add(new Date(from), allowed).toISOString(),
    basis: { rule, tier, allowed, from, calendar: policy.calendar.version },
  };
}

export function deadlineSet(
  officeId: string,
  taskId: string,
  tier: Tier,
  due: { dueAt: string; basis: TaskDueDateBasis },
): DeadlineSet {
  return {
    type: 'DeadlineSet',
    data: { officeId, deadlineId: taskDeadlineId(taskId), kind: 'task', taskId, tier, ...due },
  };
}
