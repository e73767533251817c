/**
 * The event store port. The event store is the only source of truth: every adapter (SQLite embedded, EventStoreDB
 * production) must pass the same contract suite (`event-store.contract.ts`), and checks appends with the one
 * `prepareAppend` (`event-validation.ts`).
 */

/** Who did what, in which role, and why: travels with every event and is part of the audit record. */
export interface EventMetadata {
  actor: string;
  role: string;
  /** The tier the actor acted at, where a decision belongs to a tier. */
  tier?: string;
  comment?: string;
  correlationId: string;
  causationId: string;
  /** ISO-8601 instant at which the command was accepted (domain time, not the storage clock). */
  occurredAt: string;
  idempotencyKey?: string;
  [key: string]: unknown;
}

export interface EventToAppend<TData = unknown> {
  /**
   * A UUID, in any case, dashed or not: stored (and read back) lower case and dashed (`normaliseEventId`). Anything
   * else is refused with a TypeError. Appending events whose ids are already in the stream, one after the other, is
   * a retry (see `append`).
   */
  id: string;
  /** Non-empty, not beginning with `$` (EventStoreDB's system names, which the log leaves out). */
  type: string;
  /** JSON: undefined, functions, symbols, BigInt, NaN, the infinities and cycles are refused with a TypeError. */
  data: TData;
  metadata: EventMetadata;
  /**
   * The instant the store is to report as `recordedAt`. The hash-chain decorator fixes it before the append so
   * that it is part of the event's hash; omitted, the store records its own clock's instant.
   */
  recordedAt?: Date;
}

/**
 * A position in the global, totally ordered log ($all). For SQLite commit === prepare === the row number;
 * EventStoreDB has two numbers. Positions compare by commit, then prepare.
 */
export interface Position {
  commit: bigint;
  prepare: bigint;
}

export interface RecordedEvent<TData = unknown> {
  id: string;
  type: string;
  streamId: string;
  /** 0-based index of the event in its stream. */
  revision: bigint;
  position: Position;
  data: TData;
  metadata: EventMetadata;
  /** When the store recorded it. */
  recordedAt: Date;
}

/** `no_stream`: the stream must not exist. `stream_exists`: it must. A bigint: its last event's revision. */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | bigint;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: bigint;
  /** Position of the last event written (or of the already-stored event when the append was a retry). */
  position: Position;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit for the start of the log. */
  after?: Position;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events strictly after this position (a stored checkpoint). Omit for the start. */
  after?: Position;
  signal?: AbortSignal;
}

export interface EventStore {
  /** Rejects when an append could not be written now (a read-only or replaced file); absent where nothing can tell. */
  probeWrites?(): Promise<void>;
  /**
   * Appends atomically: all events or none. Fails with WrongExpectedRevisionError when the stream's revision
   * is not `expectedRevision`. Retrying an append whose events (by id) are already stored in the stream, one after
   * the other, is a no-op that returns the original result, whatever `expectedRevision` the retry gives (the
   * original one, `any`, `stream_exists`, a later revision); ids stored otherwise (in another stream, or not as
   * that run) fail with EventIdConflictError.
   *
   * Refused before anything is written: a stream id that is empty or begins with `$`, and any event `prepareAppend`
   * refuses (TypeError); an append larger than MAX_APPEND_BYTES (1 MiB, AppendTooLargeError). A deleted stream
   * (where the store can delete them) fails with StreamDeletedError rather than start its revisions again.
   */
  append(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** All events of a stream in order; an empty array when it does not exist. */
  readStream(
    streamId: string,
    options?: { fromRevision?: bigint; maxCount?: number },
  ): Promise<RecordedEvent[]>;
  /** A page of the global log in order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Catch-up, then live, strictly in order, each event once. Ends only when the signal aborts or the store closes:
   * a store that loses its connection subscribes again from the last event delivered. Throws only for a refusal no
   * retry can cure (access denied).
   */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** The position of the last event in the log, or undefined when empty. */
  headPosition(): Promise<Position | undefined>;
  /** Ends subscriptions and lets the appends already asked for finish (they resolve or reject on their own). */
  close(): Promise<void>;
}

/** What an adapter reports of an append: the port's result, and whether this call wrote the events. */
export interface StorageAppendResult extends AppendResult {
  /**
   * True when this call wrote the events; false when nothing was written (an empty append, or a retry of events
   * already stored, answered with the original result); undefined when the adapter cannot tell.
   */
  written?: boolean;
}

/**
 * An adapter (SQLite, EventStoreDB): stores and reads events and nothing more. Tamper evidence is added on top by
 * `ChainedEventStore`, which needs two things beyond the port to link each append to its stream's last event
 * without an extra read per append: the last event of a stream, and whether an append actually wrote.
 */
export interface EventStorage extends EventStore {
  append(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<StorageAppendResult>;
  /** The stream's last event, or undefined when the stream does not exist. */
  readLastEvent(streamId: string): Promise<RecordedEvent | undefined>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision; 'no_stream' when it does not exist. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export const START: Position = { commit: -1n, prepare: -1n };

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Text form used in checkpoints and cursors: `commit/prepare`, both decimal. */
export function formatPosition(p: Position): string {
  return `${p.commit}/${p.prepare}`;
}

export function parsePosition(text: string): Position {
  const match = /^(-?\d+)\/(-?\d+)$/.exec(text);
  if (!match) throw new Error(`not a log position: ${text}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}
