import type { Tier } from '../tiers';
import { taskIdOf, type TaskDueDateBasis } from './deadlines';
import type { OfficeEvent } from './events';
import { RULING_TIER } from './vocabulary';
import type { OfficeState } from './state';

/**
 * `retention`: a tier decision a retention request waits for (逐级上报审批, 三(一)). `ruling`: the provincial ruling
 * an office the plan does not cover waits for (三, not covered), opened by its registration.
 */
export type TaskKind = 'retention' | 'ruling';
export const TASK_KINDS: readonly TaskKind[] = ['retention', 'ruling'];

/**
 * Every task of the office: its ruling, if the plan does not cover it, and each tier visit of its retention
 * request; and each task's due date if recorded.
 */
export interface TaskRecord {
  taskId: string;
  kind: TaskKind;
  tier: Tier;
  open: boolean;
  dueAt?: string;
  basis?: TaskDueDateBasis;
}

/**
 * The office's stream as the decider sees it: the office's state, the number of events so far (a task is named
 * after the revision of the event that opened it) and the ledger of its tasks.
 */
export interface OfficeStream {
  version: number;
  office: OfficeState;
  tasks: readonly TaskRecord[];
}

/**
 * The task an event opens, if it opens one: a registration the plan does not cover (the ruling, at the provincial
 * tier), a retention request, a resubmission, a forward.
 */
export function openedTask(event: OfficeEvent): { tier: Tier; kind: TaskKind } | undefined {
  switch (event.type) {
    case 'OfficeRegistered':
      return event.data.disposition.outcome === 'ruling-required'
        ? { tier: RULING_TIER, kind: 'ruling' }
        : undefined;
    case 'RetentionRequested':
    case 'RetentionResubmitted':
      return { tier: event.data.tier, kind: 'retention' };
    case 'RetentionForwarded':
      return { tier: event.data.toTier, kind: 'retention' };
    default:
      return undefined;
  }
}

/** The tier a task opens at, for the events that open one. */
export function openedTier(event: OfficeEvent): Tier | undefined {
  return openedTask(event)?.tier;
}

/** Events that decide the open task: a ruling, or a final decision on the request at its tier. */
export const TASK_CLOSING_EVENTS: ReadonlySet<OfficeEvent['type']> = new Set<OfficeEvent['type']>([
  'OfficeRuledOn',
  'RetentionApproved',
  'RetentionRejected',
  'RetentionReturned',
]);

/** How an event at `revision` changes the ledger. */
export function evolveTasks(
  tasks: readonly TaskRecord[],
  event: OfficeEvent,
  revision: number,
): readonly TaskRecord[] {
  const opened = openedTask(event);
  if (opened !== undefined) {
    const closed = tasks.map((task) => (task.open ? { ...task, open: false } : task));
    return [...closed, { taskId: taskIdOf(event.data.officeId, revision), ...opened, open: true }];
  }
  if (TASK_CLOSING_EVENTS.has(event.type))
    return tasks.map((task) => (task.open ? { ...task, open: false } : task));
  if (event.type === 'DeadlineSet' || event.type === 'DeadlineMoved') {
    const { taskId, basis } = event.data;
    const dueAt = event.type === 'DeadlineSet' ? event.data.dueAt : event.data.to;
    return tasks.map((task) => (task.taskId === taskId ? { ...task, dueAt, basis } : task));
  }
  return tasks;
}
