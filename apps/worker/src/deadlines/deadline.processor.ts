import { Inject, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { WORKER_REDIS } from './worker-redis';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { APP_CONFIG } from '@liaison/application';
import { DEADLINE_QUEUE } from '@liaison/app';
import type { DeadlineJob } from './deadline-job';
import { DeadlineNotices, type FireOutcome } from './deadline-notices';
import { LatenessRecorder } from '@liaison/app';
import { type AppConfig } from '@liaison/app';

/** Runs a deadline's step when its time comes: the notice is a command, so it lands in the audit history. */
// Not run from module initialisation: a job sends a command, and the CommandBus has its handlers only at bootstrap.
@Processor(DEADLINE_QUEUE, { concurrency: 256, autorun: false })
export class DeadlineProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('Deadlines');

  constructor(
    private readonly notices: DeadlineNotices,
    @Inject(WORKER_REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    this.lateness = new LatenessRecorder(redis, config.queuePrefix);
  }

  private readonly lateness: LatenessRecorder;

  /** After the global CqrsModule's bootstrap, which registers the command handlers (global modules go first). */
  onApplicationBootstrap(): void {
    this.worker
      .run()
      .catch((error: unknown) => this.logger.error(`deadline worker stopped: ${String(error)}`));
  }

  async process(job: Job<DeadlineJob>): Promise<FireOutcome> {
    if (job.attemptsMade === 0) this.lateness.record(Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
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
    await this.lateness.close();
  }
}
