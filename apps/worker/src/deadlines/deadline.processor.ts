import { Inject, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { WORKER_REDIS } from './worker-redis';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import {
  APP_CONFIG,
  DEADLINE_QUEUE,
  DeadlineNotices,
  recordLateness,
  type AppConfig,
  type DeadlineJob,
  type FireOutcome,
} from '../../../../libs/runtime/src';

/** Runs a deadline's step when its time comes: the notice is a command, so it lands in the audit history. */
@Processor(DEADLINE_QUEUE, { concurrency: 16 })
export class DeadlineProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Deadlines');

  constructor(
    private readonly notices: DeadlineNotices,
    @Inject(WORKER_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<DeadlineJob>): Promise<FireOutcome> {
    if (job.attemptsMade === 0) {
      const lateMs = Date.now() - (job.timestamp + (job.opts.delay ?? 0));
      await recordLateness(this.redis, this.config.queuePrefix, lateMs).catch(() => undefined);
    }
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
