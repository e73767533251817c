import type { TaskKind } from '../office/task-ledger';
import type { DeadlineKind } from './ids';
import type { EscalationStep } from './ladder';

/** Each deadline has its own stream of notices, `deadline-<deadlineId>`. */
export const DEADLINE_STREAM_PREFIX = 'deadline-';

export function deadlineStreamId(deadlineId: string): string {
  return `${DEADLINE_STREAM_PREFIX}${deadlineId}`;
}

export interface DeadlineSubject {
  deadlineId: string;
  kind: DeadlineKind;
  /** A task's kind, a retention decision or a ruling; absent in notices sent before tasks had kinds. */
  taskKind?: TaskKind;
  /** The task, the unit or the office the deadline is about. */
  subjectId: string;
  officeId?: string;
  unitId: string;
  /** Human-readable: the office's or the unit's name. */
  title: string;
}

/**
 * Who a notice is for. `user:<username>`, `approvers:<tier>@<unitId>` (a candidate group), `clerks:<unitId>`,
 * `supervisors:<unitId>`. Each signed-in user belongs to some of these (see the notices API).
 */
export type Audience = string;

export interface DeadlineNoticeSent {
  type: 'DeadlineNoticeSent';
  data: DeadlineSubject & {
    step: EscalationStep;
    dueAt: string;
    sentAt: string;
    audience: Audience[];
    /** Put on the list of overdue items to circulate (通报). */
    circulate: boolean;
    message: string;
  };
}

export type DeadlineEvent = DeadlineNoticeSent;
