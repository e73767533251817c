import Database from 'better-sqlite3';
import { DEFAULT_READ_ALL_MAX_COUNT } from './event-store.constants';
import { EventIdConflictError, EventStoreClosedError } from './event-store.errors';
import {
  START,
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStorage,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type RecordedEvent,
  type StorageAppendResult,
  type SubscribeOptions,
} from './event-store.port';

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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (stream_id, revision)
)`;

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';
type EventRow = [
  position: bigint,
  eventId: string,
  streamId: string,
  revision: bigint,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
  /** The instant given with the event, stored exactly; undefined: the commit's. */
  recordedAt: string | undefined;
}

interface PendingAppend {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: SerializedEvent[];
  resolve: (result: StorageAppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: StorageAppendResult } | { ok: false; error: unknown };

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
  private readonly stmt: ReturnType<typeof prepareStatements>;
  private readonly commitBatch: Database.Transaction<(batch: PendingAppend[], outcomes: Outcome[]) => void>;
  private readonly appendInSavepoint: Database.Transaction<
    (request: PendingAppend, recordedAt: string) => StorageAppendResult
  >;

  private queue: PendingAppend[] = [];
  private flushHandle: NodeJS.Immediate | undefined;
  private closed = false;
  private commitCount = 0;
  /** Bumped after each commit; lets a subscription notice a commit that landed while it was reading. */
  private commitSeq = 0;
  private readonly waiters = new Set<() => void>();

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
    this.appendInSavepoint = this.db.transaction((request: PendingAppend, recordedAt: string) =>
      this.applyAppend(request, recordedAt),
    );
    this.commitBatch = this.db.transaction((batch: PendingAppend[], outcomes: Outcome[]) => {
      const recordedAt = new Date().toISOString();
      for (const request of batch) {
        try {
          outcomes.push({ ok: true, result: this.appendInSavepoint(request, recordedAt) });
        } catch (error) {
          // Only rejections of this one append are isolated; anything else (I/O, SQLite rolled the whole
          // transaction back) must fail the batch rather than let later appends run outside a transaction.
          if (!this.db.inTransaction || !isPerAppendError(error)) throw error;
          outcomes.push({ ok: false, error: this.explainConstraintError(error, request) });
        }
      }
    });
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
    if (typeof streamId !== 'string' || streamId.length === 0) {
      throw new TypeError('streamId must be non-empty');
    }
    const expectedRevision = options.expectedRevision;
    if (typeof expectedRevision === 'bigint' ? expectedRevision < 0n : !isNamedRevision(expectedRevision)) {
      throw new RangeError(`invalid expected revision: ${String(expectedRevision)}`);
    }
    // Serialise before queueing so a bad payload fails its own caller at once, outside the shared transaction.
    const serialized = events.map(serializeEvent);
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

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const { signal } = options;
    let cursor = afterRow(options.after);
    while (!signal?.aborted && !this.closed) {
      const seen = this.commitSeq;
      const page = this.readPage(cursor, SUBSCRIPTION_PAGE_SIZE);
      for (const event of page) {
        cursor = event.position.commit;
        yield event;
        if (signal?.aborted) return;
      }
      if (page.length < SUBSCRIPTION_PAGE_SIZE) await this.waitForChange(seen, signal);
    }
  }

  /** Writes what is still queued, then closes the file. Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.flushHandle) clearImmediate(this.flushHandle);
    this.flushHandle = undefined;
    while (this.queue.length > 0) this.commitNext();
    this.closed = true;
    this.wake();
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
    this.commitSeq++;
    batch.forEach((request, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) request.resolve(outcome.result);
      else request.reject(outcome.error);
    });
    this.wake();
  }

  private applyAppend(request: PendingAppend, recordedAt: string): StorageAppendResult {
    const { streamId, events, expectedRevision } = request;
    const first = events[0];
    if (first) {
      const stored = this.stmt.eventById.get(first.id) as [string, bigint] | undefined;
      if (stored) return this.replayedResult(request, stored[0], stored[1]);
    }
    const head = this.stmt.streamHead.get(streamId) as [bigint, bigint] | undefined;
    const actual = head ? head[0] : 'no_stream';
    if (!satisfies(expectedRevision, actual)) {
      throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);
    }
    if (events.length === 0) {
      return head
        ? { nextExpectedRevision: head[0], position: rowPosition(head[1]), written: false }
        : { nextExpectedRevision: -1n, position: START, written: false };
    }
    let revision = head ? head[0] : -1n;
    let position = 0n;
    for (const event of events) {
      revision++;
      const info = this.stmt.insert.run(
        event.id,
        streamId,
        revision,
        event.type,
        event.data,
        event.metadata,
        event.recordedAt ?? recordedAt,
      );
      position = BigInt(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position: rowPosition(position), written: true };
  }

  /** A retry is recognised by its ids alone, before the revision check, because the revision has since moved. */
  private replayedResult(
    request: PendingAppend,
    storedStream: string,
    fromRevision: bigint,
  ): StorageAppendResult {
    const { streamId, events } = request;
    const firstId = events[0]!.id;
    if (storedStream !== streamId) {
      throw new EventIdConflictError(streamId, firstId, `is already stored in stream ${storedStream}`);
    }
    const stored = this.stmt.idsFrom.all(streamId, fromRevision, events.length) as [string, bigint, bigint][];
    if (stored.length !== events.length || stored.some(([id], i) => id !== events[i]!.id)) {
      throw new EventIdConflictError(
        streamId,
        firstId,
        `is already stored at revision ${fromRevision} but the rest of the append does not match what follows it`,
      );
    }
    const last = stored[stored.length - 1]!;
    return { nextExpectedRevision: last[1], position: rowPosition(last[2]), written: false };
  }

  /** Turns a UNIQUE(event_id) violation into an error that names the clashing id and where it is stored. */
  private explainConstraintError(error: unknown, request: PendingAppend): unknown {
    if (!isSqliteError(error) || !error.message.includes('events.event_id')) return error;
    const seen = new Set<string>();
    for (const event of request.events) {
      if (seen.has(event.id)) {
        return new EventIdConflictError(request.streamId, event.id, 'appears twice in the same append');
      }
      seen.add(event.id);
      const stored = this.stmt.eventById.get(event.id) as [string, bigint] | undefined;
      if (stored) {
        return new EventIdConflictError(
          request.streamId,
          event.id,
          `is already stored in stream ${stored[0]} at revision ${stored[1]}`,
        );
      }
    }
    return error;
  }

  private readPage(after: bigint, maxCount: number): RecordedEvent[] {
    if (!(maxCount >= 1)) return [];
    return toRecordedEvents(this.stmt.readAll.all(after, Math.floor(maxCount)) as EventRow[]);
  }

  /** Resolves on the next local commit, after one poll interval (other processes), or on abort. */
  private waitForChange(seen: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.commitSeq !== seen || this.closed || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError('SqliteEventStore');
  }
}

function prepareStatements(db: Database.Database) {
  // raw + safeIntegers: arrays are cheaper than row objects, and positions/revisions arrive as bigint directly.
  const reader = (sql: string) => db.prepare(sql).raw(true).safeIntegers(true);
  return {
    insert: db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    eventById: reader('SELECT stream_id, revision FROM events WHERE event_id = ?'),
    streamHead: reader(
      'SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    idsFrom: reader(
      'SELECT event_id, revision, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    readStream: reader(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    readLast: reader(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`),
    readAll: reader(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    head: db.prepare('SELECT MAX(position) FROM events').pluck(true).safeIntegers(true),
  };
}

/** Hot path of replays: one pass, one JSON.parse per column, and one date parse per commit rather than per row. */
function toRecordedEvents(rows: EventRow[]): RecordedEvent[] {
  const events = new Array<RecordedEvent>(rows.length);
  let recordedAtText = '';
  let recordedAtTime = NaN;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row[7] !== recordedAtText) {
      recordedAtText = row[7];
      recordedAtTime = Date.parse(recordedAtText);
    }
    const position = row[0];
    events[i] = {
      id: row[1],
      type: row[4],
      streamId: row[2],
      revision: row[3],
      position: { commit: position, prepare: position },
      data: JSON.parse(row[5]) as unknown,
      metadata: JSON.parse(row[6]) as EventMetadata,
      recordedAt: new Date(recordedAtTime),
    };
  }
  return events;
}

function serializeEvent(event: EventToAppend): SerializedEvent {
  if (typeof event.id !== 'string' || event.id.length === 0) {
    throw new TypeError('event id must be non-empty');
  }
  if (typeof event.type !== 'string' || event.type.length === 0) {
    throw new TypeError(`event ${event.id}: type must be non-empty`);
  }
  if (typeof event.metadata !== 'object' || event.metadata === null) {
    throw new TypeError(`event ${event.id}: metadata must be an object`);
  }
  const data = JSON.stringify(event.data);
  if (data === undefined) throw new TypeError(`event ${event.id}: data is not JSON-serialisable`);
  const metadata = JSON.stringify(event.metadata);
  if (metadata === undefined) throw new TypeError(`event ${event.id}: metadata is not JSON-serialisable`);
  const { recordedAt } = event;
  // Not `instanceof Date`: a Date from another realm (a test sandbox) is still a Date.
  if (recordedAt !== undefined && !Number.isFinite((recordedAt as Partial<Date>).getTime?.())) {
    throw new TypeError(`event ${event.id}: recordedAt must be a valid Date`);
  }
  return { id: event.id, type: event.type, data, metadata, recordedAt: recordedAt?.toISOString() };
}

function rowPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}

/** Row positions start at 1, so START (-1) and "nothing" both mean: from the beginning. */
function afterRow(after: Position | undefined): bigint {
  return after ? after.commit : 0n;
}

function isNamedRevision(value: unknown): boolean {
  return value === 'no_stream' || value === 'any' || value === 'stream_exists';
}

function satisfies(expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

function isPerAppendError(error: unknown): boolean {
  return (
    error instanceof WrongExpectedRevisionError ||
    error instanceof EventIdConflictError ||
    (isSqliteError(error) && error.code.startsWith('SQLITE_CONSTRAINT'))
  );
}

/**
 * By shape, not instanceof: the native addon keeps the SqliteError class of the first copy of the module loaded in
 * the process, so a second copy (another module registry, as in test runners) would not recognise its errors.
 */
function isSqliteError(error: unknown): error is Error & { code: string } {
  // Not `instanceof Error` either: that class, too, may come from another realm.
  const candidate = error as { name?: unknown; code?: unknown } | null;
  return (
    typeof candidate === 'object' && candidate?.name === 'SqliteError' && typeof candidate.code === 'string'
  );
}
