import Database from 'better-sqlite3';
import { CommitSignal } from './commit-signal';
import { DEFAULT_READ_ALL_MAX_COUNT } from './event-store.constants';
import { EventStoreClosedError } from './event-store.errors';
import { prepareAppend } from './event-validation';
import { openedFile, probeWrites, type OpenedFile } from './sqlite-probe';
import type {
  EventStorage,
  EventToAppend,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  RecordedEvent,
  StorageAppendResult,
  SubscribeOptions,
} from './event-store.port';
import {
  isNamedRevision,
  prepareCommitBatch,
  type CommitBatch,
  type Outcome,
  type PendingAppend,
} from './sqlite-append';
import {
  afterRow,
  prepareStatements,
  SCHEMA,
  serializeEvent,
  toRecordedEvents,
  type EventRow,
  type Statements,
} from './sqlite-rows';

export interface SqliteEventStoreOptions {
  /** Path of the database file; ':memory:' for a private, non-durable store. */
  filename: string;
  /** How often a live subscription re-reads the log to see appends made by other processes. Default 100. */
  pollIntervalMs?: number;
  /** How long a write waits for another process holding the write lock. Default 5000. */
  busyTimeoutMs?: number;
}

const SUBSCRIPTION_PAGE_SIZE = 1000;
/** Bounds how long one commit blocks the event loop during a burst; far above what one fsync needs to amortise. */
const MAX_APPENDS_PER_COMMIT = 1000;

/**
 * Embedded event store on a single SQLite file. It stores and reads; tamper evidence is `ChainedEventStore`'s.
 *
 * Appends are group-committed: every append queued within one turn of the event loop is written in a single
 * transaction (one fsync), each inside its own savepoint so that a rejected append does not affect the others.
 * Several processes may share the file; SQLite's write lock serialises them, which keeps positions in commit order.
 */
export class SqliteEventStore implements EventStorage {
  private readonly db: Database.Database;
  private readonly pollIntervalMs: number;
  private readonly stmt: Statements;
  private readonly commitBatch: CommitBatch;
  private readonly opened: OpenedFile | undefined;

  private queue: PendingAppend[] = [];
  private flushHandle: NodeJS.Immediate | undefined;
  private closed = false;
  private commitCount = 0;
  /** Bumped after each commit; lets a subscription notice a commit that landed while it was reading. */
  private readonly changes = new CommitSignal();

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    if (!(this.pollIntervalMs > 0)) throw new RangeError('pollIntervalMs must be positive');
    this.db = new Database(options.filename);
    try {
      this.db.pragma('journal_mode = WAL');
      // FULL: a resolved append survives power loss, not just a process crash.
      this.db.pragma('synchronous = FULL');
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      this.db.exec(SCHEMA);
      this.stmt = prepareStatements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.commitBatch = prepareCommitBatch(this.db, this.stmt);
    this.opened = openedFile(options.filename);
  }

  /** Number of transactions committed by this instance; group commit keeps it well below the number of appends. */
  get commits(): number {
    return this.commitCount;
  }

  async append(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<StorageAppendResult> {
    this.assertOpen();
    const expectedRevision = options.expectedRevision;
    if (typeof expectedRevision === 'bigint' ? expectedRevision < 0n : !isNamedRevision(expectedRevision)) {
      throw new RangeError(`invalid expected revision: ${String(expectedRevision)}`);
    }
    // Serialise before queueing so a bad payload fails its own caller at once, outside the shared transaction.
    const serialized = prepareAppend(streamId, events).map(serializeEvent);
    return new Promise<StorageAppendResult>((resolve, reject) => {
      this.queue.push({ streamId, expectedRevision, events: serialized, resolve, reject });
      this.flushHandle ??= setImmediate(this.flush);
    });
  }

  async readStream(
    streamId: string,
    options: { fromRevision?: bigint; maxCount?: number } = {},
  ): Promise<RecordedEvent[]> {
    this.assertOpen();
    const rows = this.stmt.readStream.all(
      streamId,
      options.fromRevision ?? 0n,
      // SQLite treats a negative LIMIT as no limit: a stream is read whole unless the caller pages.
      options.maxCount === undefined ? -1 : Math.max(0, Math.floor(options.maxCount)),
    ) as EventRow[];
    return toRecordedEvents(rows);
  }

  async readLastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    return toRecordedEvents(this.stmt.readLast.all(streamId) as EventRow[])[0];
  }

  /** Returns at most `maxCount` events, {@link DEFAULT_READ_ALL_MAX_COUNT} when omitted. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readPage(afterRow(options.after), options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT);
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    const head = this.stmt.head.get() as bigint | null;
    return head === null ? undefined : { commit: head, prepare: head };
  }

  /** Rejects unless an append could be written now, to the file the service will open again (readiness). */
  async probeWrites(): Promise<void> {
    this.assertOpen();
    probeWrites(this.db, this.opened);
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const { signal } = options;
    let cursor = afterRow(options.after);
    while (!signal?.aborted && !this.closed) {
      const seen = this.changes.seen;
      const page = this.readPage(cursor, SUBSCRIPTION_PAGE_SIZE);
      for (const event of page) {
        cursor = event.position.commit;
        yield event;
        if (signal?.aborted) return;
      }
      if (page.length < SUBSCRIPTION_PAGE_SIZE)
        await this.changes.wait(seen, this.pollIntervalMs, this.closed, signal);
    }
  }

  /** Writes what is still queued, then closes the file. Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.flushHandle) clearImmediate(this.flushHandle);
    this.flushHandle = undefined;
    while (this.queue.length > 0) this.commitNext();
    this.closed = true;
    this.changes.wake();
    this.db.close();
  }

  private readonly flush = (): void => {
    this.flushHandle = undefined;
    this.commitNext();
    // A burst larger than one transaction's worth continues on the next turn, letting I/O run in between.
    if (this.queue.length > 0) this.flushHandle = setImmediate(this.flush);
  };

  private commitNext(): void {
    const batch =
      this.queue.length <= MAX_APPENDS_PER_COMMIT ? this.queue : this.queue.slice(0, MAX_APPENDS_PER_COMMIT);
    this.queue = batch === this.queue ? [] : this.queue.slice(MAX_APPENDS_PER_COMMIT);
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      // IMMEDIATE takes the write lock up front: a deferred transaction that read first could not upgrade
      // once another process had committed, and busy_timeout would not help.
      this.commitBatch.immediate(batch, outcomes);
    } catch (error) {
      for (const request of batch) request.reject(error);
      return;
    }
    this.commitCount++;
    batch.forEach((request, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) request.resolve(outcome.result);
      else request.reject(outcome.error);
    });
    this.changes.committed();
  }

  private readPage(after: bigint, maxCount: number): RecordedEvent[] {
    if (!(maxCount >= 1)) return [];
    return toRecordedEvents(this.stmt.readAll.all(after, Math.floor(maxCount)) as EventRow[]);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError('SqliteEventStore');
  }
}
