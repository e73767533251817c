import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { officeContext, type OfficeContext } from '@liaison/domain';
import {
  APP_CONFIG,
  COMMAND_METRICS,
  EVENT_STORE,
  OFFICE_CONTEXT,
  READ_STORE,
  ReadModelApproverRoster,
  TASK_CHANGES,
  ReadModelSync,
  refreshUnitDirectory,
} from '@liaison/application';
import {
  chained,
  EventStoreDbEventStore,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
} from '@liaison/event-store';
import {
  CheckpointPoller,
  InProcessTaskChanges,
  openProjectionLease,
  openReadStore,
  Projector,
  projectorProjections,
  openTaskDates,
  type ReadStore,
} from '@liaison/projections';
import type { AppConfig } from './config';
import { ServiceMetrics } from './metrics';

/** The configured adapter under the hash chain: every append the application makes is linked. */
export function createEventStore(config: AppConfig): EventStore {
  if (config.eventStore.kind === 'eventstoredb') {
    const logger = new Logger('EventStore');
    return chained(
      new EventStoreDbEventStore({
        connectionString: config.eventStore.connectionString,
        // Subscriptions come back on their own; the log says when and why they dropped.
        resubscribe: {
          onDrop: (reason, dropsInARow) =>
            logger.warn(
              `subscription to the log dropped (${dropsInARow} in a row), subscribing again: ${String(reason)}`,
            ),
        },
      }),
    );
  }
  if (config.eventStore.kind === 'postgres') {
    const { connectionString, schema } = config.eventStore;
    return chained(new PostgresEventStore({ connectionString, ...(schema ? { schema } : {}) }));
  }
  mkdirSync(dirname(config.eventStore.filename), { recursive: true });
  return chained(new SqliteEventStore({ filename: config.eventStore.filename }));
}

const UNIT_DIRECTORY_REFRESH_MS = 1000;

/** Starts the projector where it runs in this process, and closes everything in order on shutdown. */
@Injectable()
export class RuntimeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Runtime');

  private unitDirectoryTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly projector: Projector,
    private readonly runProjector: boolean,
    private readonly context: OfficeContext,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.runProjector) {
      await this.projector.start();
      this.logger.log(`read models following the event log (${this.config.readStore.kind})`);
      await this.checkTaskDates();
    } else {
      // No projector here to meet the unit directory's events: read the stream for them every second.
      this.unitDirectoryTimer = setInterval(() => {
        refreshUnitDirectory(this.eventStore, this.context.jurisdictions).catch((error: unknown) =>
          this.logger.warn(`unit directory not read: ${String(error)}`),
        );
      }, UNIT_DIRECTORY_REFRESH_MS);
      this.unitDirectoryTimer.unref();
    }
  }

  /** Due dates are recorded once; a TASK_SLA that no longer matches them is said, and left to the operator. */
  private async checkTaskDates(): Promise<void> {
    const { open, undated, offSla } = await openTaskDates(
      this.readStore,
      this.config.taskSla,
      this.config.calendar,
    );
    if (undated > 0) {
      this.logger.warn(
        `${undated} of ${open} open tasks have no recorded due date (a log from before due dates were events): ` +
          'run `npm run migrate` once, with the TASK_SLA the service ran with',
      );
    }
    if (offSla > 0) {
      this.logger.warn(
        `${offSla} of ${open} open tasks are due on other dates than TASK_SLA now gives; they keep their recorded ` +
          'dates until `npm run apply-sla -- --reason "…"` moves them, on record',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.unitDirectoryTimer);
    await this.projector.stop();
    await this.eventStore.close();
    await this.readStore.close();
  }
}

@Module({})
export class RuntimeModule {
  /** `runProjector`: whether this process feeds the read models (the API inline, or the worker). */
  static forRoot(config: AppConfig, options: { runProjector: boolean }): DynamicModule {
    return {
      module: RuntimeModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ServiceMetrics, useFactory: () => new ServiceMetrics() },
        { provide: COMMAND_METRICS, useExisting: ServiceMetrics },
        { provide: EVENT_STORE, useFactory: () => createEventStore(config) },
        { provide: READ_STORE, useFactory: () => openReadStore(config.readStore) },
        {
          // The province's tree as the unit directory's events have left it so far, and who can act in each group.
          provide: OFFICE_CONTEXT,
          inject: [EVENT_STORE, READ_STORE],
          useFactory: async (store: EventStore, readStore: ReadStore): Promise<OfficeContext> => {
            const context = officeContext({ sla: config.taskSla, calendar: config.calendar });
            await refreshUnitDirectory(store, context.jurisdictions);
            return { ...context, approvers: new ReadModelApproverRoster(readStore, context.jurisdictions) };
          },
        },
        // In this process only: where the projector runs elsewhere, a Redis-backed feed takes this token.
        { provide: TASK_CHANGES, useFactory: () => new InProcessTaskChanges() },
        {
          provide: Projector,
          inject: [EVENT_STORE, READ_STORE, OFFICE_CONTEXT, TASK_CHANGES, ServiceMetrics],
          useFactory: (
            store: EventStore,
            readStore: ReadStore,
            context: OfficeContext,
            taskChanges: InProcessTaskChanges,
            metrics: ServiceMetrics,
          ) => {
            const logger = new Logger('Projector');
            // Every process configured to run projections may: the lease lets one at a time apply.
            const lease = openProjectionLease(readStore, config.projectionLease);
            return new Projector(store, readStore, projectorProjections(context, { taskChanges }), {
              onError: (error) => logger.error(`read models stopped: ${String(error)}`),
              lease,
              onLease: (term) => {
                metrics.projectionLease(term?.epoch);
                if (term) logger.log(`projection lease taken by ${lease.holder} (epoch ${term.epoch})`);
                else logger.warn(`projection lease no longer held by ${lease.holder}`);
              },
            });
          },
        },
        {
          provide: ReadModelSync,
          inject: [Projector, READ_STORE],
          useFactory: (projector: Projector, readStore: ReadStore): ReadModelSync => {
            const source = options.runProjector ? projector : new CheckpointPoller(readStore);
            return { waitFor: (position) => source.waitFor(position, config.readModelWaitMs) };
          },
        },
        {
          provide: RuntimeLifecycle,
          inject: [APP_CONFIG, EVENT_STORE, READ_STORE, Projector, OFFICE_CONTEXT],
          useFactory: (
            c: AppConfig,
            store: EventStore,
            readStore: ReadStore,
            projector: Projector,
            context: OfficeContext,
          ) => new RuntimeLifecycle(c, store, readStore, projector, options.runProjector, context),
        },
      ],
      exports: [
        APP_CONFIG,
        EVENT_STORE,
        READ_STORE,
        OFFICE_CONTEXT,
        Projector,
        ReadModelSync,
        TASK_CHANGES,
        ServiceMetrics,
        COMMAND_METRICS,
      ],
    };
  }
}
