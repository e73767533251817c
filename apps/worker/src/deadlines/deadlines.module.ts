import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type { JurisdictionCatalog, OfficeContext } from '../../../../libs/domain/src';
import type { EventStore } from '../../../../libs/event-store/src';
import type { ReadStore } from '../../../../libs/projections/src';
import {
  DEADLINE_QUEUE,
  DeadlineNotices,
  EVENT_STORE,
  OFFICE_CONTEXT,
  READ_STORE,
} from '../../../../libs/runtime/src';
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
          inject: [EVENT_STORE, READ_STORE, OFFICE_CONTEXT],
          useFactory: (store: EventStore, readStore: ReadStore, context: OfficeContext) =>
            new DeadlineNotices(store, readStore, context.jurisdictions as JurisdictionCatalog),
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
