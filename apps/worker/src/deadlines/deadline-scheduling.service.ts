import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { ReadStore } from '@liaison/projections';
import { APP_CONFIG, READ_STORE } from '@liaison/application';
import { DEADLINE_QUEUE } from '@liaison/app';
import { DeadlineScheduler } from './deadline-scheduler';
import { type AppConfig } from '@liaison/app';
import { type DeadlineJob } from './deadline-notices';

const FOLLOW_EVERY_MS = 200;

/**
 * Keeps the queue in step with the deadlines read model: a full reconcile at start (Redis may have lost
 * everything) and every DEADLINE_RECONCILE_MS, and the feed of changed deadlines in between. One loop, so a
 * reconcile never runs beside a pass over the changes in this process.
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
    @Inject(READ_STORE) readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.scheduler = new DeadlineScheduler(queue, readStore, config.escalationLadder, config.calendar);
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
        } else {
          await this.scheduler.followChanges();
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
