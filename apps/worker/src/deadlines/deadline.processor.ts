import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import {
  DEADLINE_QUEUE,
  DeadlineNotices,
  type DeadlineJob,
  type FireOutcome,
} from '../../../../libs/runtime/src';

/** Runs a deadline's step when its time comes: the notice is a command, so it lands in the audit history. */
@Processor(DEADLINE_QUEUE, { concurrency: 16 })
export class DeadlineProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Deadlines');

  constructor(private readonly notices: DeadlineNotices) {
    super();
  }

  async process(job: Job<DeadlineJob>): Promise<FireOutcome> {
    return this.notices.fire(job.data);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<DeadlineJob> | undefined, error: Error): void {
    this.logger.error(
      `deadline job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
    );
  }

  /** Before the stores close: the job in hand finishes (its notice is appended) and no new one starts. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
