import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { APP_CONFIG } from '@liaison/application';
import { deliverWebhook, type WebhookJob } from './delivery';
import { WEBHOOK_QUEUE } from '@liaison/app';
import { type AppConfig } from '@liaison/app';

/** Delivers one notice to one subscriber; a failure is retried with exponential backoff, then kept as failed. */
@Processor(WEBHOOK_QUEUE, { concurrency: 8 })
export class WebhookProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async process(job: Job<WebhookJob>): Promise<number> {
    const subscriber = this.config.webhooks.find((s) => s.id === job.data.subscriberId);
    if (!subscriber)
      throw new UnrecoverableError(`no subscriber ${job.data.subscriberId} is configured any more`);
    return deliverWebhook(subscriber, job.data);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<WebhookJob> | undefined, error: Error): void {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
    const text = `delivery ${job.data.deliveryId} attempt ${job.attemptsMade}: ${error.message}`;
    if (final) this.logger.error(`${text}; given up, kept in the failed list`);
    else this.logger.warn(`${text}; retrying`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
