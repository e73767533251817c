import type { Tier } from '../tiers';
import { taskIdOf, type TaskDueDateBasis } from './deadlines';
import type { OfficeEvent } from './events';
import type { OfficeState } from './state';

/** Every task the office's retention request has waited in, one per tier visit, and its due date if recorded. */
export interface TaskRecord {
  taskId: string;
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

/** The tier a task opens at, for the events that open one (a request, a resubmission, a forward). */
export function openedTier(event: OfficeEvent): Tier | undefined {
  switch (event.type) {
    case 'RetentionRequested':
    case 'RetentionResubmitted':
      return event.data.tier;
    case 'RetentionForwarded':
      return event.data.toTier;
    default:
      return undefined;
  }
}

const CLOSING = new Set<OfficeEvent['type']>(['RetentionApproved', 'RetentionRejected', 'RetentionReturned']);

/** How an event at `revision` changes the ledger. */
export function evolveTasks(
  tasks: readonly TaskRecord[],
  event: OfficeEvent,
  revision: number,
): readonly TaskRecord[] {
  const tier = openedTier(event);
  if (tier !== undefined) {
    const closed = tasks.map((task) => (task.open ? { ...task, open: false } : task));
    return [...closed, { taskId: taskIdOf(event.data.officeId, revision), tier, open: true }];
  }
  if (CLOSING.has(event.type)) return tasks.map((task) => (task.open ? { ...task, open: false } : task));
  if (event.type === 'DeadlineSet' || event.type === 'DeadlineMoved') {
    const { taskId, basis } = event.data;
    const dueAt = event.type === 'DeadlineSet' ? event.data.dueAt : event.data.to;
    return tasks.map((task) => (task.taskId === taskId ? { ...task, dueAt, basis } : task));
  }
  return tasks;
}
