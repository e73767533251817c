import { HttpException } from '@nestjs/common';
import { DomainError } from '@liaison/domain';
import { IdempotencyKeyReused, VersionConflict } from '@liaison/event-store';

/**
 * How a command ended, as the metrics count it: `accepted` appended events; `replayed` answered a retried
 * Idempotency-Key; `unchanged` was decided and appended nothing (an anchor already there, a notice already sent);
 * the rest were refused, and change nothing.
 */
export type CommandOutcomeLabel =
  'accepted' | 'replayed' | 'unchanged' | 'refused' | 'conflict' | 'not-found' | 'forbidden' | 'error';

export interface CommandSample {
  /** The stream type (office, campaign, unit, deadline…). */
  stream: string;
  /** The command's type (RegisterOffice, DecideRetention…). */
  command: string;
  outcome: CommandOutcomeLabel;
  /** From dispatch to the answer, read-your-writes wait included: what the caller waits. */
  seconds: number;
}

/** What the one command handler reports of every command; libs/app gives it to Prometheus. */
export interface CommandMetrics {
  observe(sample: CommandSample): void;
}

/** The outcome of a command that threw. */
export function failureOutcome(error: unknown): CommandOutcomeLabel {
  if (error instanceof DomainError) {
    if (error.kind === 'state') return 'conflict';
    if (error.kind === 'not-found') return 'not-found';
    return 'refused';
  }
  if (error instanceof VersionConflict || error instanceof IdempotencyKeyReused) return 'conflict';
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 403) return 'forbidden';
    if (status === 404) return 'not-found';
    if (status === 409) return 'conflict';
    if (status < 500) return 'refused';
  }
  return 'error';
}
