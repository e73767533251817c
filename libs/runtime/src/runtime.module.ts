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
import { HOST_CITIES, JurisdictionCatalog, NANYANG_UNITS, type OfficeContext } from '../../domain/src';
import {
  chained,
  EventStoreDbEventStore,
  SqliteEventStore,
  type EventStore,
  type Position,
} from '../../event-store/src';
import {
  CheckpointPoller,
  OfficeListProjection,
  openReadStore,
  TaskInboxProjection,
  redateOpenTasks,
  DeadlineProjection,
  type Projection,
  Projector,
  type ReadStore,
} from '../../projections/src';
import type { AppConfig } from './config';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_STORE = Symbol('READ_STORE');
export const OFFICE_CONTEXT = Symbol('OFFICE_CONTEXT');

/** Waits until the read models reflect a position, in-process or by polling the worker's checkpoint. */
export abstract class ReadModelSync {
  abstract waitFor(position: Position): Promise<void>;
}

/** The configured adapter under the hash chain: every append the application makes is linked. */
export function createEventStore(config: AppConfig): EventStore {
  if (config.eventStore.kind === 'eventstoredb') {
    return chained(new EventStoreDbEventStore({ connectionString: config.eventStore.connectionString }));
  }
  mkdirSync(dirname(config.eventStore.filename), { recursive: true });
  return chained(new SqliteEventStore({ filename: config.eventStore.filename }));
}

export function officeContext(): OfficeContext {
  return {
    jurisdictions: new JurisdictionCatalog(NANYANG_UNITS),
    hostCities: new Map(HOST_CITIES.map((city) => [city.id, city])),
  };
}

/** Every read model, in the order a batch is applied (tasks read the office rows written before them). */
export function readModelProjections(config: AppConfig, context: OfficeContext): Projection[] {
  return [
    new OfficeListProjection(context.jurisdictions),
    new TaskInboxProjection(context.jurisdictions, config.taskSla, config.calendar),
    new DeadlineProjection(context.jurisdictions),
  ];
}

/** Starts the projector where it runs in this process, and closes everything in order on shutdown. */
@Injectable()
export class RuntimeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Runtime');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly projector: Projector,
    private readonly runProjector: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.runProjector) {
      const moved = await redateOpenTasks(this.readStore, this.config.taskSla, this.config.calendar);
      if (moved > 0) this.logger.log(`${moved} open tasks re-dated to the configured SLAs`);
      await this.projector.start();
      this.logger.log(`read models following the event log (${this.config.readStore.kind})`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
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
        { provide: EVENT_STORE, useFactory: () => createEventStore(config) },
        { provide: READ_STORE, useFactory: () => openReadStore(config.readStore) },
        { provide: OFFICE_CONTEXT, useFactory: officeContext },
        {
          provide: Projector,
          inject: [EVENT_STORE, READ_STORE, OFFICE_CONTEXT],
          useFactory: (store: EventStore, readStore: ReadStore, context: OfficeContext) => {
            const logger = new Logger('Projector');
            return new Projector(store, readStore, readModelProjections(config, context), {
              onError: (error) => logger.error(`read models stopped: ${String(error)}`),
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
          inject: [APP_CONFIG, EVENT_STORE, READ_STORE, Projector],
          useFactory: (c: AppConfig, store: EventStore, readStore: ReadStore, projector: Projector) =>
            new RuntimeLifecycle(c, store, readStore, projector, options.runProjector),
        },
      ],
      exports: [APP_CONFIG, EVENT_STORE, READ_STORE, OFFICE_CONTEXT, Projector, ReadModelSync],
    };
  }
}
