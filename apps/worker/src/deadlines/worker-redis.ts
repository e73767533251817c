import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '@liaison/application';
import { type AppConfig } from '@liaison/app';

/** The worker's own connection, apart from BullMQ's: its figures (job lateness) and the scheduler's checkpoint. */
export const WORKER_REDIS = Symbol('WORKER_REDIS');

export const workerRedisProvider: Provider = {
  provide: WORKER_REDIS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }),
};

@Injectable()
export class WorkerRedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(WORKER_REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
