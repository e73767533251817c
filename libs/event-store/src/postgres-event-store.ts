import { Pool } from 'pg';
import { CommitSignal } from './commit-signal';
import { DEFAULT_READ_ALL_MAX_COUNT } from './event-store.constants';
import { EventStoreClosedError } from './event-store.errors';
import type {
  EventMetadata,
  EventStorage,
  EventToAppend,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  RecordedEvent,
  StorageAppendResult,
  SubscribeOptions,
} from './event-store.port';
import { AppendQueue, prepareAppend, rowPosition } from './postgres-append';
import { AppendListener } from './postgres-listener';
import { checkSchemaName, migrateEventStore } from './postgres-schema';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** The schema that holds the log (created if missing); omitted, the connection's search path decides. */
  schema?: string;
  /**
   * How often a live subscription re-reads the log when nothing wakes it: other processes' appends are announced
   * by a notification, so this only bounds the delay when that connection is lost. Default 1000.
   */
  pollIntervalMs?: number;
  /** Connections in the pool (reads, and the one batch of appends in flight). Default 10. */
  maxConnections?: number;
}

const SUBSCRIPTION_PAGE_SIZE = 1000;
const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';
type EventRow = [string, string, string, string, string, unknown, EventMetadata, Date];

interface Statement {
  name: string;
  text: string;
}

/** Named: each connection parses and plans them once. */
const STATEMENTS = {
  readStream: {
    name: 'event_store_read_stream',
    text: `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
  },
  readLast: {
    name: 'event_store_read_last',
    text: `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1`,
  },
  readAll: {
    name: 'event_store_read_all',
    text: `SELECT ${COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
  },
  head: { name: 'event_store_head', text: 'SELECT max(position) FROM events' },
  readOnly: { name: 'event_store_read_only', text: "SELECT current_setting('transaction_read_only')" },
} satisfies Record<string, Statement>;

/**
 * Event store on PostgreSQL. It stores and reads; tamper evidence is `ChainedEventStore`'s.
 *
 * The global position is a bigint identity column. Appends are serialised by a table lock held until commit (see
 * `append_events` in postgres-schema.ts), so positions become visible strictly in increasing order and a
 * subscriber that reads `position > checkpoint` never skips an event that commits late. Appends from one store are
 * group-committed: everything queued while a batch is written goes in the next batch, one statement and one commit.
 * The schema is created, or migrated, when the store opens.
 */
export class PostgresEventStore implements EventStorage {
  readonly pool: Pool;
  private readonly pollIntervalMs: number;
  private readonly appends: AppendQueue;
  private readonly listener: AppendListener;
  private readonly schema: string | undefined;
  /** The schema's creation or migration: started at construction, started again after a failure. */
  private migration: Promise<void> | undefined;
  private closing = false;
  /** Appends accepted and not yet settled: close() waits for them. */
  private readonly accepted = new Set<Promise<unknown>>();
  private closed = false;
  private closedDone: Promise<void> | undefined;
  /** Bumped after each local commit; lets a subscription notice a commit that landed while it was reading. */
  private readonly changes = new CommitSignal();

  constructor(options: PostgresEventStoreOptions) {
    checkSchemaName(options.schema);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    if (!(this.pollIntervalMs > 0)) throw new RangeError('pollIntervalMs must be positive');
    const connection = {
      connectionString: options.connectionString,
      // A connection option, so that every pooled connection uses the schema from its first statement.
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    };
    this.pool = new Pool({ ...connection, max: options.maxConnections ?? 10 });
    this.listener = new AppendListener(connection, () => this.changed());
    // An idle connection the server dropped must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.appends = new AppendQueue(this.pool, () => this.changed());
    this.schema = options.schema;
    // Reported by the first operation that awaits it, not as an unhandled rejection.
    this.ready().catch(() => undefined);
  }

  /** Resolves once the schema is in place: the first operation waits for it anyway; this says so early. */
  async open(): Promise<this> {
    try {
      await this.ready();
    } catch (error) {
      await this.close();
      throw error;
    }
    return this;
  }

  /** Number of batches committed by this instance; group commit keeps it well below the number of appends. */
  get commits(): number {
    return this.appends.commits;
  }

  async append(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<StorageAppendResult> {
    this.assertOpen();
    const { expectedRevision } = options;
    const serialized = prepareAppend(streamId, events, expectedRevision);
    // Accepted now, so written even if close() is called before the schema is ready: close settles it first.
    const appended = this.ready().then(
      () =>
        new Promise<StorageAppendResult>((resolve, reject) => {
          this.appends.push({ streamId, expectedRevision, events: serialized, resolve, reject });
        }),
    );
    this.accepted.add(appended);
    const forget = () => this.accepted.delete(appended);
    appended.then(forget, forget);
    return appended;
  }

  async readStream(
    streamId: string,
    options: { fromRevision?: bigint; maxCount?: number } = {},
  ): Promise<RecordedEvent[]> {
    const rows = await this.query(STATEMENTS.readStream, [
      streamId,
      String(options.fromRevision ?? 0n),
      options.maxCount === undefined ? null : Math.max(0, Math.floor(options.maxCount)),
    ]);
    return rows.map(toRecordedEvent);
  }

  async readLastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    const rows = await this.query(STATEMENTS.readLast, [streamId]);
    return rows.map(toRecordedEvent)[0];
  }

  /** Returns at most `maxCount` events, {@link DEFAULT_READ_ALL_MAX_COUNT} when omitted. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readPage(afterRow(options.after), options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT);
  }

  async headPosition(): Promise<Position | undefined> {
    const rows = await this.query(STATEMENTS.head, []);
    const head = rows[0]?.[0];
    return head === null || head === undefined ? undefined : rowPosition(BigInt(head as string));
  }

  /** Rejects unless the server would take a write now (a standby, or a read-only default, would not). */
  async probeWrites(): Promise<void> {
    const rows = await this.query(STATEMENTS.readOnly, []);
    if (rows[0]?.[0] !== 'off') throw new Error('the PostgreSQL event store is read-only');
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const { signal } = options;
    let cursor = afterRow(options.after);
    while (!signal?.aborted && !this.closing) {
      // Listening before reading: an append announced after the read wakes the wait below.
      await this.listener.ensure();
      const seen = this.changes.seen;
      const page = await this.readPage(cursor, SUBSCRIPTION_PAGE_SIZE);
      for (const event of page) {
        cursor = event.position.commit;
        yield event;
        if (signal?.aborted) return;
      }
      if (page.length < SUBSCRIPTION_PAGE_SIZE)
        await this.changes.wait(seen, this.pollIntervalMs, this.closing, signal);
    }
  }

  /** Refuses new calls, writes what is already asked for, then closes the pool. Closing twice is harmless. */
  close(): Promise<void> {
    this.closedDone ??= this.shutDown();
    return this.closedDone;
  }

  private async shutDown(): Promise<void> {
    this.closing = true;
    this.changes.wake();
    await this.migration?.catch(() => undefined);
    await Promise.allSettled([...this.accepted]);
    await this.appends.drain();
    await this.listener.stop();
    this.closed = true;
    await this.pool.end();
  }

  private async readPage(after: bigint, maxCount: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (!(maxCount >= 1)) return [];
    const rows = await this.query(STATEMENTS.readAll, [String(after), Math.floor(maxCount)]);
    return rows.map(toRecordedEvent);
  }

  private async query(statement: Statement, values: unknown[]): Promise<unknown[][]> {
    this.assertOpen();
    await this.ready();
    const result = await this.pool.query<unknown[]>({ ...statement, values, rowMode: 'array' });
    return result.rows;
  }

  /**
   * Resolves once the schema is in place. A failed attempt (the server not up yet, say) is not final: the next
   * operation tries again, so a service started before its database recovers once the database answers.
   */
  private ready(): Promise<void> {
    this.migration ??= migrateEventStore(this.pool, this.schema).catch((error: unknown) => {
      this.migration = undefined;
      throw error;
    });
    return this.migration;
  }

  private changed(): void {
    this.changes.committed();
  }

  private assertOpen(): void {
    if (this.closing || this.closed) throw new EventStoreClosedError('PostgresEventStore');
  }
}

function toRecordedEvent(row: unknown[]): RecordedEvent {
  const [position, id, streamId, revision, type, data, metadata, recordedAt] = row as EventRow;
  return {
    id,
    type,
    streamId,
    revision: BigInt(revision),
    position: rowPosition(BigInt(position)),
    data,
    metadata,
    recordedAt,
  };
}

/** Positions start at 1, so START (-1) and "nothing" both mean: from the beginning. */
function afterRow(after: Position | undefined): bigint {
  return after ? after.commit : 0n;
}
