import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { JurisdictionCatalog, OfficeContext } from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import type { ReadStore } from '@liaison/projections';
import { DEADLINE_QUEUE } from '@liaison/app';
import { DeadlineNotices } from './deadline-notices';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { EVENT_STORE, OFFICE_CONTEXT, READ_STORE } from '@liaison/application';
import { DeadlineProcessor } from './deadline.processor';
import { DeadlineScheduling } from './deadline-scheduling.service';
import { WorkerRedisShutdown, workerRedisProvider } from './worker-redis';

/** Reminders and escalations: the deadline queue, its processor and the scheduler that fills it. */
@Module({})
export class DeadlinesModule {
  static forRoot(): DynamicModule {
    return {
      module: DeadlinesModule,
      imports: [BullModule.registerQueue({ name: DEADLINE_QUEUE })],
      providers: [
        {
          provide: DeadlineNotices,
          inject: [CommandBus, EVENT_STORE, READ_STORE, OFFICE_CONTEXT, WorkerMetrics],
          useFactory: (
            commands: CommandBus,
            store: EventStore,
            readStore: ReadStore,
            context: OfficeContext,
            metrics: WorkerMetrics,
          ) =>
            new DeadlineNotices(
              commands,
              store,
              readStore,
              context.jurisdictions as JurisdictionCatalog,
              (step, kind) => metrics.noticeSent(step, kind),
            ),
        },
        DeadlineProcessor,
        DeadlineScheduling,
        workerRedisProvider,
        WorkerRedisShutdown,
      ],
      exports: [DeadlineScheduling],
    };
  }
}
