import type { Pool } from 'pg';
import { EventIdConflictError } from './event-store.errors';
import { prepareAppend as checkedAppend } from './event-validation';
import {
  START,
  WrongExpectedRevisionError,
  type EventToAppend,
  type ExpectedRevision,
  type StorageAppendResult,
} from './event-store.port';

/** An event as the batch sends it: data and metadata as JSON text, the recording instant as ISO-8601. */
export interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
  /** Omitted: the batch's instant. */
  recordedAt: string | undefined;
}

/** Bounds one batch's statement; far above what one commit needs to amortise its flush. */
const MAX_APPENDS_PER_BATCH = 1000;

export interface PendingAppend {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: SerializedEvent[];
  resolve: (result: StorageAppendResult) => void;
  reject: (error: unknown) => void;
}

interface OutcomeRow {
  o_outcome: 'written' | 'unchanged' | 'wrong_revision' | 'id_conflict';
  o_revision: string | null;
  o_position: string | null;
  o_event_id: string | null;
  o_detail: string | null;
}

const APPEND_STATEMENT = 'event_store_append';
const APPEND_SQL =
  'SELECT * FROM append_events($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])';

/** Checks an append (the check every adapter shares) and turns its events into the text the batch sends. */
export function prepareAppend(
  streamId: string,
  events: EventToAppend[],
  expectedRevision: ExpectedRevision,
): SerializedEvent[] {
  if (
    typeof expectedRevision === 'bigint'
      ? expectedRevision < 0n
      : !['no_stream', 'any', 'stream_exists'].includes(expectedRevision)
  ) {
    throw new RangeError(`invalid expected revision: ${String(expectedRevision)}`);
  }
  return checkedAppend(streamId, events).map((event) => ({
    id: event.id,
    type: event.type,
    data: event.dataJson,
    metadata: event.metadataJson,
    recordedAt: event.recordedAt?.toISOString(),
  }));
}

/**
 * Group commit: appends queued while a batch is being written go together in the next one, one statement and one
 * commit (one flush of the write-ahead log) for all of them. One batch at a time per store: the table lock would
 * serialise them anyway.
 */
export class AppendQueue {
  private queue: PendingAppend[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private running: Promise<void> | undefined;
  private batches = 0;

  constructor(
    private readonly pool: Pool,
    /** Called after each batch that committed. */
    private readonly onCommit: () => void,
  ) {}

  /** Number of batches committed: group commit keeps it well below the number of appends. */
  get commits(): number {
    return this.batches;
  }

  push(request: PendingAppend): void {
    this.queue.push(request);
    // Waiting one turn gathers the appends issued together; a batch in flight gathers the rest while it runs.
    if (!this.running && !this.scheduled) this.scheduled = setImmediate(this.start);
  }

  /** Resolves once everything queued so far is written (or has failed). */
  async drain(): Promise<void> {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.start();
    }
    while (this.running) await this.running;
  }

  private readonly start = (): void => {
    this.scheduled = undefined;
    if (this.running || this.queue.length === 0) return;
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  };

  private async loop(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_APPENDS_PER_BATCH);
      await this.write(batch);
    }
  }

  private async write(batch: PendingAppend[]): Promise<void> {
    let rows: OutcomeRow[];
    try {
      rows = await this.run(batch);
    } catch (error) {
      if (batch.length === 1 || isConnectionError(error)) {
        for (const request of batch) request.reject(error);
        return;
      }
      // One append the server refused (a payload it cannot store) must not fail the others: write them one by one.
      for (const request of batch) await this.write([request]);
      return;
    }
    this.batches++;
    batch.forEach((request, i) => settle(request, rows[i]));
    this.onCommit();
  }

  private async run(batch: PendingAppend[]): Promise<OutcomeRow[]> {
    const recordedAt = new Date().toISOString();
    const streams: string[] = [];
    const expected: string[] = [];
    const counts: number[] = [];
    const ids: string[] = [];
    const types: string[] = [];
    const data: string[] = [];
    const metadata: string[] = [];
    const instants: string[] = [];
    for (const request of batch) {
      streams.push(request.streamId);
      expected.push(String(request.expectedRevision));
      counts.push(request.events.length);
      for (const event of request.events) {
        ids.push(event.id);
        types.push(event.type);
        data.push(event.data);
        metadata.push(event.metadata);
        instants.push(event.recordedAt ?? recordedAt);
      }
    }
    // One statement in its own transaction: it resolves once committed.
    const { rows } = await this.pool.query<OutcomeRow>({
      name: APPEND_STATEMENT,
      text: APPEND_SQL,
      values: [streams, expected, counts, ids, types, data, metadata, instants],
    });
    if (rows.length !== batch.length) {
      throw new Error(`append_events answered ${rows.length} outcomes for ${batch.length} appends`);
    }
    return rows;
  }
}

function settle(request: PendingAppend, row: OutcomeRow | undefined): void {
  const { streamId, expectedRevision } = request;
  switch (row?.o_outcome) {
    case 'written':
    case 'unchanged': {
      const position = row.o_position === null ? START : rowPosition(BigInt(row.o_position));
      request.resolve({
        nextExpectedRevision: BigInt(row.o_revision!),
        position,
        written: row.o_outcome === 'written',
      });
      return;
    }
    case 'wrong_revision':
      request.reject(
        new WrongExpectedRevisionError(
          streamId,
          expectedRevision,
          row.o_revision === null ? 'no_stream' : BigInt(row.o_revision),
        ),
      );
      return;
    case 'id_conflict':
      request.reject(new EventIdConflictError(streamId, row.o_event_id!, row.o_detail!));
      return;
    default:
      request.reject(new Error(`append_events answered an unknown outcome for stream ${streamId}`));
  }
}

export function rowPosition(position: bigint) {
  return { commit: position, prepare: position };
}

/** Errors of the connection or the server as a whole (SQLSTATE classes 08, 53, 57, 58), not of one append. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true; // a socket's error, say ECONNRESET
  return /^(08|53|57|58)/.test(code);
}
