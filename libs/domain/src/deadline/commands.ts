import type { Command } from '../decider';
import type { Audience, DeadlineSubject } from './events';
import type { EscalationStep } from './ladder';

export type SendDeadlineNotice = Command<
  'SendDeadlineNotice',
  {
    deadline: DeadlineSubject;
    step: EscalationStep;
    dueAt: string;
    sentAt: string;
    /** The audience of every step, so that a step whose predecessors have not gone out sends them first. */
    audiences: Record<EscalationStep, Audience[]>;
  }
>;

export type DeadlineCommand = SendDeadlineNotice;
