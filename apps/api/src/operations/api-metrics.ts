import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { ServiceMetrics } from '@liaison/app';
import { queueCounts, QUEUES, type Queues } from './queues';
import { Readiness, type ReadinessReport } from './readiness';

/**
 * What the API adds to the process's metrics, read when scraped: readiness and its dependencies, the read models'
 * lag behind the log, and the queue depths. The queues live in Redis, so every API instance reports the same
 * depths: aggregate them with max, not sum.
 */
@Injectable()
export class ApiMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly readiness: Readiness,
    @Inject(QUEUES) private readonly queues: Queues,
  ) {}

  onModuleInit(): void {
    this.readinessGauges(this.metrics.registry);
    this.queueGauge(this.metrics.registry);
  }

  private readinessGauges(registry: Registry): void {
    // A scrape collects every gauge at once: they share one readiness check.
    let pending: Promise<void> | undefined;
    const collect = () =>
      (pending ??= this.readiness
        .check()
        .then(set)
        .finally(() => setImmediate(() => (pending = undefined))));
    const registers = [registry];
    const gauge = (name: string, help: string) => new Gauge({ name, help, registers, collect });
    const ready = gauge('liaison_ready', '1 when /health/ready answers up');
    const up = new Gauge({
      name: 'liaison_dependency_up',
      help: '1 when the dependency answers: event-store, read-store, redis',
      labelNames: ['dependency'] as const,
      registers,
      collect,
    });
    const behind = gauge(
      'liaison_projection_lag_events',
      'Events in the log the read models do not show yet (counted up to 1000)',
    );
    const lagSeconds = gauge(
      'liaison_projection_lag_seconds',
      'Age of the oldest event the read models do not show yet; 0 when caught up',
    );
    const rebuilding = gauge(
      'liaison_read_models_rebuilding',
      '1 while a rebuild refills the read models from the log',
    );
    function set({ status, eventStore, readModels, redis }: ReadinessReport): void {
      ready.set(status === 'up' ? 1 : 0);
      up.set({ dependency: 'event-store' }, eventStore.status === 'up' ? 1 : 0);
      up.set({ dependency: 'read-store' }, readModels.status === 'up' ? 1 : 0);
      up.set({ dependency: 'redis' }, redis.status === 'up' ? 1 : 0);
      rebuilding.set(readModels.status === 'up' && readModels.rebuilding ? 1 : 0);
      behind.reset();
      lagSeconds.reset();
      if (readModels.lag) {
        behind.set(readModels.lag.eventsBehind);
        lagSeconds.set(readModels.lag.seconds);
      }
    }
  }

  private queueGauge(registry: Registry): void {
    const queues = this.queues;
    new Gauge({
      name: 'liaison_queue_jobs',
      help: 'Jobs in each queue by state (kept in Redis: the same figure from every API instance)',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const [queue, counts] of Object.entries(await queueCounts(queues))) {
          // Redis away: no figure rather than a false zero.
          for (const [state, jobs] of Object.entries(counts ?? {})) this.set({ queue, state }, jobs);
        }
      },
    });
  }
}
