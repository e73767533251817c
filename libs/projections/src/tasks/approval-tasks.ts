import { openedTask, type OfficeEvent, type RulingRecord, type TaskKind, type Tier } from '@liaison/domain';

/**
 * The approvers' tasks as office events make and close them: each tier decision a retention request waits for is
 * a task of the approvers of that tier in the sponsor's county, city or province, and the ruling an office the
 * plan does not cover waits for is a task of the provincial approvers (opened by its registration, decided by the
 * ruling); each is due when the log says (the DeadlineSet recorded with the event that opened it, or a
 * DeadlineMoved since). The task read model keeps the tasks; the deadline read model follows the same rules to
 * keep each task's deadline, so the two agree without reading each other's tables.
 */
export const TASK_EVENTS = new Set<string>([
  'OfficeRegistered',
  'OfficeRuledOn',
  'RetentionRequested',
  'RetentionResubmitted',
  'RetentionForwarded',
  'RetentionApproved',
  'RetentionRejected',
  'RetentionReturned',
  'TaskClaimed',
  'TaskDelegated',
  'TaskReleased',
  'DeadlineSet',
  'DeadlineMoved',
]);

/** What one office event does to the office's open task. */
export interface TaskStep {
  /** The open task (if any) closes with this outcome (for a ruling task, the ruling). */
  close?: string;
  /** The ruling that decided the open ruling task. */
  ruling?: RulingRecord;
  /** A task opens at this tier (after the open one, if any, closed), of this kind. */
  open?: Tier;
  kind?: TaskKind;
  /** The open task (if any) passes to this approver, or back to the group (null). */
  assign?: { to: string | null };
  /** A task's due date, as recorded (`from`: the date it moved from). */
  due?: { taskId: string; dueAt: string; from?: string };
}

export function taskStep(event: OfficeEvent): TaskStep | undefined {
  // Which events open a task, of which kind at which tier, is the office decider's rule (its task ledger).
  const opened = openedTask(event);
  switch (event.type) {
    case 'OfficeRegistered':
      return opened && { open: opened.tier, kind: opened.kind };
    case 'OfficeRuledOn': {
      const { ruling, reasoning, tier } = event.data;
      return { close: ruling, ruling: { ruling, reasoning, tier } };
    }
    case 'RetentionRequested':
    case 'RetentionResubmitted':
    case 'RetentionForwarded':
      return {
        close: event.type === 'RetentionForwarded' ? 'forwarded' : 'superseded',
        open: opened!.tier,
        kind: opened!.kind,
      };
    case 'RetentionApproved':
      return { close: 'approved' };
    case 'RetentionRejected':
      return { close: 'rejected' };
    case 'RetentionReturned':
      return { close: 'returned' };
    case 'TaskClaimed':
      return { assign: { to: event.data.assignee } };
    case 'TaskDelegated':
      return { assign: { to: event.data.to } };
    case 'TaskReleased':
      return { assign: { to: null } };
    case 'DeadlineSet':
      return { due: { taskId: event.data.taskId, dueAt: event.data.dueAt } };
    case 'DeadlineMoved':
      return { due: { taskId: event.data.taskId, dueAt: event.data.to, from: event.data.from } };
    default:
      return undefined;
  }
}

/** `<officeId>/<revision of the event that opened it>`. */
export function taskIdOf(officeId: string, revision: bigint): string {
  return `${officeId}/${revision}`;
}

// Candidate groups and the unit whose approvers decide a task are the domain's (libs/domain/src/groups.ts): the
// decider routes requests by them.
export { candidateGroup, taskJurisdiction } from '@liaison/domain';
