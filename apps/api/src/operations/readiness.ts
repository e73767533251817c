import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Redis } from 'ioredis';
import {
  APP_CONFIG,
  ProjectionLagQuery,
  StoresHealthQuery,
  type EventStoreHealth,
  type ProjectionLag,
  type ReadModelsHealth,
} from '@liaison/application';
import { type AppConfig } from '@liaison/app';
import { REDIS } from '../redis.provider';

/** A dependency that does not answer within this long counts as down: a probe must answer, whatever hangs. */
const CHECK_TIMEOUT_MS = 3000;

export type RedisHealth = { status: 'up' } | { status: 'down'; error: string };

export interface ReadinessReport {
  status: 'up' | 'down';
  eventStore: EventStoreHealth & { kind: string };
  readModels: ReadModelsHealth & {
    lag?: Omit<ProjectionLag, 'rebuilding'>;
    /** Further behind than READINESS_MAX_LAG_MS allows (never while a rebuild refills them). */
    lagging: boolean;
  };
  redis: RedisHealth;
}

/** The promise's outcome, or a rejection naming `what` once CHECK_TIMEOUT_MS pass (a frozen Redis never answers). */
export function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether this instance should be sent traffic: the event store and the read store answer, Redis answers (the
 * queues, the queue board), and the read models are no further behind the log than READINESS_MAX_LAG_MS — a new
 * instance catching up on a long log waits before it serves lists. A rebuild in progress does not count as lag:
 * it is meant to run while the service serves.
 */
@Injectable()
export class Readiness {
  constructor(
    private readonly queries: QueryBus,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<ReadinessReport> {
    const down = (error: unknown) => ({ status: 'down' as const, error: String(error) });
    const [stores, lag, redis] = await Promise.all([
      within(this.queries.execute(new StoresHealthQuery()), 'the stores').catch((error: unknown) => ({
        eventStore: down(error),
        readModels: { ...down(error), kind: this.config.readStore.kind, upToDate: false },
      })),
      within(this.queries.execute(new ProjectionLagQuery()), 'the read models').catch(() => undefined),
      within(this.redis.ping(), 'Redis').then((): RedisHealth => ({ status: 'up' }), down),
    ]);
    const rebuilding = stores.readModels.status === 'up' && stores.readModels.rebuilding !== null;
    const lagging = !rebuilding && (!lag || lag.seconds * 1000 > this.config.readinessMaxLagMs);
    const readModels = {
      ...stores.readModels,
      ...(lag ? { lag: { eventsBehind: lag.eventsBehind, atLeast: lag.atLeast, seconds: lag.seconds } } : {}),
      lagging,
    };
    const eventStore = { ...stores.eventStore, kind: this.config.eventStore.kind };
    const ready =
      eventStore.status === 'up' && readModels.status === 'up' && !lagging && redis.status === 'up';
    return { status: ready ? 'up' : 'down', eventStore, readModels, redis };
  }
}
