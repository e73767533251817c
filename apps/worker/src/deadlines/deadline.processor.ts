import { Inject, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { WORKER_REDIS } from './worker-redis';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { APP_CONFIG } from '@liaison/application';
import { DEADLINE_QUEUE } from '@liaison/app';
import type { DeadlineJob } from './deadline-job';
import {
  DeadlineNotices,
  noticeCorrelationId,
  type FireOutcome,
  type NoticeDecision,
} from './deadline-notices';
import { LatenessRecorder } from '@liaison/app';
import { type AppConfig } from '@liaison/app';
import { WorkerMetrics } from '../metrics/worker-metrics';

/**
 * Deadline jobs in hand at once. A burst of due deadlines fills them all: the jobs that arrive in one turn of the
 * event loop are read and checked together, and their notices go into one commit of the event store.
 */
export const DEADLINE_CONCURRENCY = 256;

/** Runs a deadline's step when its time comes: the notice is a command, so it lands in the audit history. */
// Not run from module initialisation: a job sends a command, and the CommandBus has its handlers only at bootstrap.
@Processor(DEADLINE_QUEUE, { concurrency: DEADLINE_CONCURRENCY, autorun: false })
export class DeadlineProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  constructor(
    private readonly notices: DeadlineNotices,
    @Inject(WORKER_REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: WorkerMetrics,
    private readonly logger: PinoLogger,
  ) {
    super();
    this.lateness = new LatenessRecorder(redis, config.queuePrefix);
    logger.setContext('Deadlines');
  }

  private readonly lateness: LatenessRecorder;
  /** Jobs waiting for the batch of this turn of the event loop to be decided. */
  private batch: { job: DeadlineJob; resolve: (decision: Promise<NoticeDecision>) => void }[] = [];
  private batchHandle?: NodeJS.Immediate;

  /** After the global CqrsModule's bootstrap, which registers the command handlers (global modules go first). */
  onApplicationBootstrap(): void {
    this.worker
      .run()
      .catch((error: unknown) => this.logger.error(`deadline worker stopped: ${String(error)}`));
  }

  /** Every line logged while the job runs (the command handler's included) carries its id and correlation id. */
  async process(job: Job<DeadlineJob>): Promise<FireOutcome> {
    if (job.attemptsMade === 0) {
      const lateMs = Date.now() - (job.timestamp + (job.opts.delay ?? 0));
      this.lateness.record(lateMs);
      this.metrics.jobStarted(lateMs);
    }
    const decision = await this.decided(job.data);
    return this.logger.runInContext(
      async () => {
        const outcome = 'outcome' in decision ? decision.outcome : await this.notices.send(decision);
        const { deadlineId, step, dueAt } = job.data;
        const line = { deadlineId, step, dueAt, outcome };
        if (outcome === 'sent') this.logger.info(line, `${step} sent for ${deadlineId}`);
        else this.logger.debug(line, `${step} for ${deadlineId}: ${outcome}`);
        return outcome;
      },
      { bindings: jobBindings(job) },
    );
  }

  /** The job's decision, taken with every other job handed over in this turn of the event loop. */
  private decided(job: DeadlineJob): Promise<NoticeDecision> {
    return new Promise((resolve) => {
      this.batch.push({ job, resolve });
      this.batchHandle ??= setImmediate(this.decideBatch);
    });
  }

  private readonly decideBatch = (): void => {
    const batch = this.batch;
    this.batch = [];
    this.batchHandle = undefined;
    const decisions = this.notices.decide(batch.map((entry) => entry.job));
    batch.forEach((entry, i) => entry.resolve(decisions[i]!));
  };

  @OnWorkerEvent('failed')
  onFailed(job: Job<DeadlineJob> | undefined, error: Error): void {
    this.logger.error(
      { ...(job ? jobBindings(job) : {}), attempt: job?.attemptsMade, err: error },
      `deadline job ${job?.id ?? '?'} failed: ${error.message}`,
    );
  }

  /** Before the stores close: the job in hand finishes (its notice is appended) and no new one starts. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
    await this.lateness.close();
  }
}

function jobBindings(job: Job<DeadlineJob>) {
  return { queue: DEADLINE_QUEUE, jobId: job.id, correlationId: noticeCorrelationId(job.data) };
}
