import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DeadlineNoticeSent } from '@liaison/domain';
import { formatPosition, parsePosition, type EventStore } from '@liaison/event-store';
import { APP_CONFIG, EVENT_STORE } from '@liaison/application';
import { WEBHOOK_QUEUE } from '@liaison/app';
import { type AppConfig } from '@liaison/app';
import { placeWithinLog } from '../log-place';
import { type WebhookJob } from './delivery';
import { type WebhookSubscriber } from '@liaison/app';

const SAVE_EVERY_MS = 500;

/**
 * Turns every notice in the log into one delivery job per subscriber. Each subscriber's place in the log is kept
 * in Redis beside its jobs: if Redis loses both, deliveries start again from the beginning of the log (at least
 * once; the delivery id lets a receiver drop repeats) rather than silently skipping what was never sent.
 */
@Injectable()
export class WebhookOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly abort = new AbortController();
  private readonly running: Promise<void>[] = [];
  private redis?: Redis;

  constructor(
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue<WebhookJob>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.webhooks.length === 0) return;
    this.redis = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
    this.redis.on('error', (error) => this.logger.warn(`redis: ${error.message}`));
    for (const subscriber of this.config.webhooks) this.running.push(this.follow(subscriber));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.running);
    this.redis?.disconnect();
  }

  private checkpointKey(subscriber: WebhookSubscriber): string {
    return `${this.config.queuePrefix}:webhook-checkpoint:${subscriber.id}`;
  }

  private async follow(subscriber: WebhookSubscriber): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        await this.followOnce(subscriber);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.logger.error(
          `webhook outbox for ${subscriber.id}: ${error instanceof Error ? error.message : String(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async followOnce(subscriber: WebhookSubscriber): Promise<void> {
    const redis = this.redis!;
    const saved = await redis.get(this.checkpointKey(subscriber));
    let position = await placeWithinLog(this.store, saved ? parsePosition(saved) : undefined);
    let savedAt = Date.now();
    let unsaved = false;
    const save = async () => {
      if (!unsaved || !position) return;
      await redis.set(this.checkpointKey(subscriber), formatPosition(position));
      unsaved = false;
      savedAt = Date.now();
    };
    try {
      for await (const event of this.store.subscribeToAll({
        ...(position ? { after: position } : {}),
        signal: this.abort.signal,
      })) {
        if (event.type === 'DeadlineNoticeSent') {
          const notice = event.data as DeadlineNoticeSent['data'];
          const wanted =
            subscriber.audiences === undefined ||
            notice.audience.some((a) => subscriber.audiences!.includes(a));
          if (wanted) {
            const deliveryId = `${subscriber.id}.${event.id}`;
            await this.queue.add(
              'deliver',
              {
                subscriberId: subscriber.id,
                deliveryId,
                notice: { ...notice, eventId: event.id },
                correlationId: event.metadata.correlationId,
              },
              {
                jobId: `wh.${deliveryId}`,
                attempts: this.config.webhookAttempts,
                backoff: { type: 'exponential', delay: this.config.webhookBackoffMs },
                // Kept a week so a job re-added after a restart is recognised; failures stay until someone looks.
                removeOnComplete: { age: 7 * 24 * 3600 },
                removeOnFail: false,
              },
            );
          }
        }
        position = event.position;
        unsaved = true;
        if (Date.now() - savedAt >= SAVE_EVERY_MS) await save();
      }
    } finally {
      await save().catch(() => undefined);
    }
  }
}
