import { BACKWARDS, END } from '@kurrent/kurrentdb-client';
import { backoffMs, delay, isTransient, type EventStoreDbClient } from './eventstoredb-client';
import { EventIdConflictError, StreamDeletedError } from './event-store.errors';
import {
  START,
  WrongExpectedRevisionError,
  type ExpectedRevision,
  type Position,
  type StorageAppendResult,
} from './event-store.port';
import type { PreparedEvent } from './event-validation';
import type { KnownStreamIds } from './eventstoredb-known-ids';
import {
  drainAll,
  drainStream,
  isReal,
  toJsonEvent,
  toPortError,
  type ServerEvent,
} from './eventstoredb-mapping';

const SCAN_PAGE = 500;
/** Attempts of an append with 'any' or 'stream_exists' when another writer gets in between the read and the write. */
const MAX_NAMED_ATTEMPTS = 5;

/**
 * Appends on EventStoreDB. The server recognises a retried append only when it repeats the original expected
 * revision; a retry sent with `any`, `stream_exists` or the revision the first attempt returned would be written
 * again. So, as SQLite looks ids up in its index, this reads the stream first (from the leader: a follower may lag)
 * and answers a retry with the original result, then writes at exactly the revision it read, so that whatever it
 * learnt cannot have changed by the time the server writes.
 */
export async function appendToServer(
  client: EventStoreDbClient,
  streamId: string,
  events: PreparedEvent[],
  expected: ExpectedRevision,
  headPosition: () => Promise<Position | undefined>,
  known: KnownStreamIds,
): Promise<StorageAppendResult> {
  const reads = new StreamReads(client, streamId, headPosition);
  if (events.length > 0 && expected === 'no_stream') {
    const result = await appendNew(reads, streamId, events);
    if (result.written)
      known.read(
        streamId,
        events.map((e) => e.id),
      );
    return result;
  }
  const direct =
    events.length > 0 ? await appendAtKnownHead(reads, streamId, events, expected, known) : undefined;
  if (direct) return direct;
  for (let attempt = 1; ; attempt++) {
    const { last, found } = await reads.scan(events.map((e) => e.id));
    const replay = await reads.replayed(events, found);
    if (replay) return replay;
    const actual = last ? last.revision : 'no_stream';
    if (actual === 'no_stream' && (await reads.deleted())) throw new StreamDeletedError(streamId, false);
    if (!satisfies(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);
    if (events.length === 0) {
      if (!last) return { nextExpectedRevision: -1n, position: START, written: false };
      return {
        nextExpectedRevision: last.revision,
        position: await reads.positionOf(last.revision, last),
        written: false,
      };
    }
    try {
      return await reads.write(events, actual);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Someone appended between the read and the write, perhaps this very append (a concurrent retry).
      const again = await reads.scan(events.map((e) => e.id));
      const replayNow = await reads.replayed(events, again.found);
      if (replayNow) return replayNow;
      const exact = typeof expected === 'bigint' || expected === 'no_stream';
      if (exact || attempt >= MAX_NAMED_ATTEMPTS) {
        throw new WrongExpectedRevisionError(
          streamId,
          expected,
          again.last ? again.last.revision : 'no_stream',
        );
      }
    }
  }
}

/**
 * One round trip when this process knows every id of the stream up to the revision it appends at (it has just read
 * the stream, as a command does): see KnownStreamIds. Undefined when it does not, or when the server refuses.
 */
async function appendAtKnownHead(
  reads: StreamReads,
  streamId: string,
  events: PreparedEvent[],
  expected: ExpectedRevision,
  known: KnownStreamIds,
): Promise<StorageAppendResult | undefined> {
  const ids = known.get(streamId);
  if (!ids || !satisfies(expected, ids.revision) || events.some((e) => ids.ids.has(e.id))) return undefined;
  try {
    const result = await reads.write(events, ids.revision);
    if (result.written)
      known.wrote(
        streamId,
        ids.revision,
        result.nextExpectedRevision,
        events.map((e) => e.id),
      );
    else known.forget(streamId);
    return result;
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    known.forget(streamId);
    return undefined;
  }
}

/**
 * A new stream needs no look-up of its ids: a stream that exists is refused by the server (which answers a repeat of
 * the append that created it as the original), and only then is it read. What must be read first is whether it was
 * deleted, which reads as missing but would be written to at the revision after its last.
 */
async function appendNew(
  reads: StreamReads,
  streamId: string,
  events: PreparedEvent[],
): Promise<StorageAppendResult> {
  if (await reads.deleted()) {
    const { last } = await reads.scan([]);
    if (!last) throw new StreamDeletedError(streamId, false);
  }
  try {
    return await reads.write(events, 'no_stream');
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    const { last, found } = await reads.scan(events.map((e) => e.id));
    const replay = await reads.replayed(events, found);
    if (replay) return replay;
    throw new WrongExpectedRevisionError(streamId, 'no_stream', last ? last.revision : 'no_stream');
  }
}

/** Reads and writes of one stream, each retried once when it meets a transient failure (a leader change). */
class StreamReads {
  constructor(
    private readonly client: EventStoreDbClient,
    private readonly streamId: string,
    private readonly headPosition: () => Promise<Position | undefined>,
  ) {}

  /** The stream's last event, and where the given ids are stored in it (read backwards, from the leader). */
  async scan(ids: string[]): Promise<{ last?: ServerEvent; found: Map<string, ServerEvent> }> {
    return retryOnce(async () => {
      const wanted = new Set(ids);
      const found = new Map<string, ServerEvent>();
      let last: ServerEvent | undefined;
      let from: bigint | typeof END = END;
      for (;;) {
        const page = await drainStream(
          this.streamId,
          this.client.readStream(this.streamId, {
            fromRevision: from,
            direction: BACKWARDS,
            maxCount: SCAN_PAGE,
            requiresLeader: true,
          }),
        );
        for (const { event } of page) {
          if (!event) continue;
          last ??= event;
          if (wanted.has(event.id)) found.set(event.id, event);
        }
        const oldest = page[page.length - 1]?.event;
        if (found.size === wanted.size || page.length < SCAN_PAGE || !oldest || oldest.revision === 0n) {
          return { ...(last ? { last } : {}), found };
        }
        from = oldest.revision - 1n;
      }
    });
  }

  /** The original result when every id is stored, in order, one after the other; undefined when none is. */
  async replayed(
    events: PreparedEvent[],
    found: Map<string, ServerEvent>,
  ): Promise<StorageAppendResult | undefined> {
    if (found.size === 0) return undefined;
    const first = found.get(events[0]!.id);
    const inOrder =
      first !== undefined &&
      found.size === events.length &&
      events.every((e, i) => found.get(e.id)?.revision === first.revision + BigInt(i));
    if (!inOrder) {
      const [id, stored] = [...found][0]!;
      throw new EventIdConflictError(
        this.streamId,
        id,
        `is already stored at revision ${stored.revision}, but the append is not a retry of the one that stored it`,
      );
    }
    const last = found.get(events[events.length - 1]!.id)!;
    return {
      nextExpectedRevision: last.revision,
      position: await this.positionOf(last.revision, last),
      written: false,
    };
  }

  /** A soft-deleted stream reads as missing; its metadata still says it was truncated. */
  async deleted(): Promise<boolean> {
    const { metadata } = await retryOnce(() =>
      this.client.getStreamMetadata(this.streamId, { requiresLeader: true }),
    );
    return metadata?.truncateBefore !== undefined;
  }

  async write(events: PreparedEvent[], at: bigint | 'no_stream'): Promise<StorageAppendResult> {
    const result = await retryOnce(async () => {
      try {
        return await this.client.appendToStream(this.streamId, events.map(toJsonEvent), {
          streamState: at,
          requiresLeader: true,
        });
      } catch (error) {
        throw toPortError(error, this.streamId, at);
      }
    });
    // The server reports the transaction's position: the event's own for one event, the first one's for several.
    // A write the server answers as a repeat of an earlier one comes back with none: it may not be this call's.
    const reported = isReal(result.position) ? result.position : undefined;
    const position =
      events.length === 1 && reported
        ? reported
        : await this.positionOf(result.nextExpectedRevision, undefined, reported);
    return {
      nextExpectedRevision: result.nextExpectedRevision,
      position,
      ...(reported ? { written: true } : {}),
    };
  }

  /**
   * Position of the event at `revision`, as stream reads report it (servers 22.6 and later). Otherwise the reported
   * position, or failing that the head: never earlier than the event, so waiting for a subscriber to reach it ends.
   */
  async positionOf(revision: bigint, known?: ServerEvent, reported?: Position): Promise<Position> {
    const event =
      known ??
      (
        await retryOnce(async () =>
          drainAll(
            this.client.readStream(this.streamId, {
              fromRevision: revision,
              maxCount: 1,
              requiresLeader: true,
            }),
          ),
        )
      )[0]?.event;
    if (isReal(event?.position)) return { commit: event.position.commit, prepare: event.position.prepare };
    if (isReal(reported)) return reported;
    return (await this.headPosition()) ?? START;
  }
}

/**
 * One more attempt after a transient failure. The client has by then moved to the leader the refusal named (or
 * dropped the broken connection); an append sent again is safe, since it names the exact revision it was read at and
 * the server answers a repeat of a stored append as the original.
 */
export async function retryOnce<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!isTransient(error)) throw error;
    await delay(backoffMs(1, 100, 100));
    return operation();
  }
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
