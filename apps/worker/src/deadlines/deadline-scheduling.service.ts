import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DEADLINE_QUEUE, type AppConfig } from '@liaison/app';
import { APP_CONFIG, EVENT_STORE, READ_STORE, ReadModelSync } from '@liaison/application';
import type { EventStore } from '@liaison/event-store';
import type { ReadStore } from '@liaison/projections';
import type { DeadlineJob } from './deadline-job';
import { DeadlineScheduler } from './deadline-scheduler';
import { WORKER_REDIS } from './worker-redis';
import type { Redis } from 'ioredis';

const FOLLOW_EVERY_MS = 200;

/**
 * Keeps the queue in step with the log: a full reconcile at start (Redis may have lost everything) and every
 * DEADLINE_RECONCILE_MS, and the log followed from its checkpoint in between. One loop, so a reconcile never runs
 * beside a pass over the log in this process.
 */
@Injectable()
export class DeadlineScheduling implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  readonly scheduler: DeadlineScheduler;
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;

  constructor(
    @InjectQueue(DEADLINE_QUEUE) queue: Queue<DeadlineJob>,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_STORE) readStore: ReadStore,
    readModels: ReadModelSync,
    @Inject(WORKER_REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.scheduler = new DeadlineScheduler({
      queue,
      redis,
      store,
      readStore,
      readModels,
      ladder: config.escalationLadder,
      calendar: config.calendar,
    });
  }

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    let nextReconcile = 0;
    while (!this.stopped) {
      try {
        if (Date.now() >= nextReconcile) {
          const stats = await this.scheduler.reconcile();
          this.logger.log(
            `deadlines reconciled: ${stats.scheduled} jobs wanted, ${stats.removed} orphans removed`,
          );
          nextReconcile = Date.now() + this.config.reconcileIntervalMs;
        } else if ((await this.scheduler.follow()) > 0) {
          // More of the log may be waiting: go on without the pause.
          continue;
        }
      } catch (error) {
        // Redis or the read store away: keep trying; the next reconcile repairs whatever was missed.
        this.logger.error(`deadline scheduling: ${error instanceof Error ? error.message : String(error)}`);
        nextReconcile = 0;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FOLLOW_EVERY_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
