import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { comparePositions, formatPosition, parsePosition, type EventStore } from '@liaison/event-store';
import {
  readCheckpoint,
  readModelsRebuilding,
  readProjectionLease,
  type LeaseState,
  type ReadStore,
} from '@liaison/projections';
import { EVENT_STORE, READ_STORE } from '../tokens';

export type EventStoreHealth = { status: 'up'; head: string | null } | { status: 'down'; error: string };

export type ReadModelsHealth =
  | {
      status: 'up';
      kind: string;
      checkpoint: string | null;
      /** While `npm run rebuild` runs, lists and inboxes are being refilled from the log. */
      rebuilding: Awaited<ReturnType<typeof readModelsRebuilding>> | null;
      /** Which process feeds the read models, where several may (the projection lease). */
      lease: LeaseState;
      upToDate: boolean;
    }
  | { status: 'down'; kind: string; error: string; upToDate: boolean };

/** The event store's head and how far the read models have followed it; each says down rather than failing. */
export class StoresHealthQuery extends Query<{
  eventStore: EventStoreHealth;
  readModels: ReadModelsHealth;
}> {}

@QueryHandler(StoresHealthQuery)
export class StoresHealthHandler implements IQueryHandler<StoresHealthQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async execute() {
    const [eventStore, readModels] = await Promise.all([
      // A store that answers reads but can take no write (a read-only file, a data folder deleted under the
      // service) is down: commands would fail, or be acknowledged into a file no restart will open.
      Promise.all([this.store.headPosition(), this.store.probeWrites?.()]).then(
        ([head]): EventStoreHealth => ({ status: 'up', head: head ? formatPosition(head) : null }),
        (error: unknown): EventStoreHealth => ({ status: 'down', error: String(error) }),
      ),
      Promise.all([
        readCheckpoint(this.readStore),
        readModelsRebuilding(this.readStore),
        readProjectionLease(this.readStore),
      ]).then(
        ([checkpoint, rebuilding, lease]) => ({
          status: 'up' as const,
          kind: this.readStore.kind,
          checkpoint: checkpoint ? formatPosition(checkpoint) : null,
          rebuilding: rebuilding ?? null,
          lease,
        }),
        (error: unknown) => ({ status: 'down' as const, kind: this.readStore.kind, error: String(error) }),
      ),
    ]);
    const head = eventStore.status === 'up' ? eventStore.head : null;
    const checkpoint = readModels.status === 'up' ? readModels.checkpoint : null;
    const upToDate =
      head === null ||
      (checkpoint !== null && comparePositions(parsePosition(checkpoint), parsePosition(head)) >= 0);
    return { eventStore, readModels: { ...readModels, upToDate } };
  }
}
