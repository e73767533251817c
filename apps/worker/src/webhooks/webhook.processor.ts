import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type BeforeApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '@liaison/application';
import { deliverWebhook, type WebhookJob } from './delivery';
import { WEBHOOK_QUEUE } from '@liaison/app';
import { type AppConfig } from '@liaison/app';
import { WorkerMetrics } from '../metrics/worker-metrics';

/** Delivers one notice to one subscriber; a failure is retried with exponential backoff, then kept as failed. */
@Processor(WEBHOOK_QUEUE, { concurrency: 8 })
export class WebhookProcessor extends WorkerHost implements BeforeApplicationShutdown {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: WorkerMetrics,
    private readonly logger: PinoLogger,
  ) {
    super();
    logger.setContext('Webhooks');
  }

  async process(job: Job<WebhookJob>): Promise<number> {
    return this.logger.runInContext(
      async () => {
        const subscriber = this.config.webhooks.find((s) => s.id === job.data.subscriberId);
        if (!subscriber)
          throw new UnrecoverableError(`no subscriber ${job.data.subscriberId} is configured any more`);
        const status = await deliverWebhook(subscriber, job.data);
        this.metrics.delivery(subscriber.id, 'delivered');
        this.logger.info({ status }, `delivery ${job.data.deliveryId} answered ${status}`);
        return status;
      },
      { bindings: jobBindings(job) },
    );
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<WebhookJob> | undefined, error: Error): void {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
    this.metrics.delivery(job.data.subscriberId, final ? 'failed' : 'retrying');
    const line = { ...jobBindings(job), attempt: job.attemptsMade, error: error.message };
    const text = `delivery ${job.data.deliveryId} attempt ${job.attemptsMade}: ${error.message}`;
    if (final) this.logger.error(line, `${text}; given up, kept in the failed list`);
    else this.logger.warn(line, `${text}; retrying`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}

function jobBindings(job: Job<WebhookJob>) {
  const { subscriberId, deliveryId, correlationId } = job.data;
  return {
    queue: WEBHOOK_QUEUE,
    jobId: job.id,
    subscriberId,
    deliveryId,
    ...(correlationId !== undefined ? { correlationId } : {}),
  };
}
