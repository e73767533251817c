import { Inject, Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '@liaison/application';
import { type AppConfig } from '@liaison/app';

export const REDIS = Symbol('REDIS');

export const redisProvider: Provider = {
  provide: REDIS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    reportOutages(
      // A producer-side connection: fail fast instead of queueing commands while Redis is away.
      new Redis(config.redisUrl, { enableOfflineQueue: false, lazyConnect: false, maxRetriesPerRequest: 1 }),
      'Redis',
    ),
};

/**
 * A connection that cannot reach Redis emits an error on every retry: say so once when it goes and once when it
 * is back, instead of a stack trace a second (/health/ready shows it meanwhile).
 */
export function reportOutages<T extends EventEmitter>(connection: T, what: string): T {
  const logger = new Logger('Redis');
  let down = false;
  connection.on('error', (error: Error) => {
    if (!down) logger.warn(`${what} cannot reach Redis (${error.message}); retrying`);
    down = true;
  });
  connection.on('ready', () => {
    if (down) logger.log(`${what} reaches Redis again`);
    down = false;
  });
  return connection;
}

@Injectable()
export class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
