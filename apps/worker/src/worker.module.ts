import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { CqrsModule } from '@nestjs/cqrs';
import { bullConnection } from '@liaison/app';
import { commandHandlers, loggerModule, RuntimeModule } from '@liaison/app';
import { type AppConfig } from '@liaison/app';
import type { DestinationStream } from 'pino';
import { AnchorService } from './audit/anchor.service';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { MetricsModule } from './metrics/metrics.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * The background process: sends reminders and escalations from the deadline queue, delivers them to the
 * configured webhooks, and feeds the read models when the API leaves that to it (PROJECTIONS=external).
 */
@Module({})
export class WorkerModule {
  /**
   * `serveMetrics`: answer Prometheus on METRICS_PORT (the worker process does; embedded workers need not).
   * `logDestination`: where the log lines go instead of stdout.
   */
  static forRoot(
    config: AppConfig,
    {
      serveMetrics = false,
      logDestination,
    }: { serveMetrics?: boolean; logDestination?: DestinationStream } = {},
  ): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        loggerModule(config, 'worker', {}, logDestination),
        CqrsModule.forRoot(),
        RuntimeModule.forRoot(config, { runProjector: config.projections === 'external' }),
        BullModule.forRoot({
          connection: bullConnection(config.redisUrl, 'worker'),
          prefix: config.queuePrefix,
        }),
        MetricsModule.forRoot(serveMetrics),
        DeadlinesModule.forRoot(),
        WebhooksModule,
      ],
      // Notices and anchors are commands like any other: they go through the one handler.
      providers: [...commandHandlers(), AnchorService],
    };
  }
}
