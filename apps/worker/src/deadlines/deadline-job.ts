import type { EscalationStep } from '@liaison/domain';

/** What a deadline job carries: enough to tell a job for a moved due date from the current one. */
export interface DeadlineJob {
  deadlineId: string;
  step: EscalationStep;
  dueAt: string;
}

/**
 * `<deadlineId>.<step>.<due ms>`: the same deadline, step and due date always make the same job, so scheduling is
 * idempotent; a moved due date makes a new job and the old one is dropped. (BullMQ forbids `:` in job ids.)
 */
export function deadlineJobId(deadlineId: string, step: EscalationStep, dueAt: string): string {
  return `${deadlineId}.${step}.${Date.parse(dueAt)}`;
}
