import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START as FROM_START,
  excludeSystemEvents,
  type ReadPosition,
} from '@eventstore/db-client';
import { DEFAULT_READ_ALL_MAX_COUNT } from './event-store.constants';
import { EventIdConflictError, EventStoreClosedError } from './event-store.errors';
import {
  START,
  WrongExpectedRevisionError,
  comparePositions,
  type AppendResult,
  type EventStorage,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type RecordedEvent,
  type StorageAppendResult,
  type SubscribeOptions,
} from './event-store.port';
import {
  drainAll,
  drainStream,
  isReal,
  isSystemEvent,
  toJsonEvent,
  toPortError,
  toReadPosition,
  toRecordedEvent,
  toServerExpectedRevision,
  type ServerEvent,
} from './eventstoredb-mapping';

export { RECORDED_AT_METADATA_KEY } from './eventstoredb-mapping';

export type EventStoreDbEventStoreOptions =
  /** e.g. `esdb://localhost:2113?tls=false`; the store owns the client and disposes it on close. */
  | { connectionString: string }
  /** A client shared with other code; close() leaves it open. */
  | { client: EventStoreDBClient };

const MAX_READ_ALL_PAGE = 4096;
const HEAD_SCAN_PAGE = 100;
/**
 * Event store on EventStoreDB (gRPC client). The log seen through this port leaves out system events ($-prefixed
 * types and streams), so positions, readAll, headPosition and subscriptions all agree on what "the log" is. It
 * stores and reads; tamper evidence is `ChainedEventStore`'s.
 */
export class EventStoreDbEventStore implements EventStorage {
  readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private closed = false;
  /** Ends live subscriptions on close; a disposed client would otherwise leave them waiting forever. */
  private readonly activeSubscriptions = new Set<() => void>();

  constructor(options: EventStoreDbEventStoreOptions) {
    if ('client' in options) {
      this.client = options.client;
      this.ownsClient = false;
    } else {
      // Lazy: no connection is made until the first call.
      this.client = EventStoreDBClient.connectionString(options.connectionString);
      this.ownsClient = true;
    }
  }

  async append(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<StorageAppendResult> {
    this.assertOpen();
    const { expectedRevision } = options;
    if (events.length === 0) {
      return { ...(await this.currentState(streamId, expectedRevision)), written: false };
    }
    try {
      // The server answers a retry of events stored right after the expected revision as a success, which this
      // adapter cannot tell from a write: whether it wrote is left open.
      return await this.send(streamId, events, expectedRevision);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const original = await this.originalResult(streamId, expectedRevision, events);
      if (original) return original;
      throw error;
    }
  }

  async readLastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    const [last] = await drainStream(
      this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }),
    );
    return last?.event ? toRecordedEvent(last.event, last.commitPosition) : undefined;
  }

  /**
   * When these events (by id) are already stored right after the expected revision, the append is a retry: the
   * original result, read back. Undefined when it is not a retry.
   */
  private async originalResult(
    streamId: string,
    expectedRevision: ExpectedRevision,
    events: EventToAppend[],
  ): Promise<StorageAppendResult | undefined> {
    const from =
      expectedRevision === 'no_stream'
        ? 0n
        : typeof expectedRevision === 'bigint'
          ? expectedRevision + 1n
          : undefined;
    if (from === undefined) return undefined;
    const stored = await drainStream(
      this.client.readStream(streamId, { fromRevision: from, maxCount: events.length }),
    );
    if (stored[0]?.event?.id !== events[0]!.id) return undefined;
    if (stored.length !== events.length || stored.some((r, i) => r.event?.id !== events[i]!.id)) {
      throw new EventIdConflictError(
        streamId,
        events[0]!.id,
        `is already stored at revision ${from} but the rest of the append does not match what follows it`,
      );
    }
    const last = stored[stored.length - 1]!.event!;
    return {
      nextExpectedRevision: last.revision,
      position: await this.positionOf(streamId, last.revision, last),
      written: false,
    };
  }

  private async send(
    streamId: string,
    events: EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    try {
      const result = await this.client.appendToStream(streamId, events.map(toJsonEvent), {
        expectedRevision: toServerExpectedRevision(expectedRevision),
      });
      // The server's position is the transaction's: exact for a single event, but for several events not
      // necessarily the last one's $all position. An idempotent retry may come back with no position at all.
      const position =
        events.length === 1 && isReal(result.position)
          ? result.position
          : await this.positionOf(streamId, result.nextExpectedRevision, undefined, result.position);
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      throw toPortError(error, streamId, expectedRevision);
    }
  }

  async readStream(
    streamId: string,
    options: { fromRevision?: bigint; maxCount?: number } = {},
  ): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const resolved = await drainStream(
      this.client.readStream(streamId, {
        fromRevision: options.fromRevision ?? FROM_START,
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      }),
    );
    return resolved.flatMap((r) => (r.event ? [toRecordedEvent(r.event, r.commitPosition)] : []));
  }

  /** Returns at most `maxCount` events, {@link DEFAULT_READ_ALL_MAX_COUNT} when omitted. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT;
    const out: RecordedEvent[] = [];
    // The server's fromPosition is inclusive and system events are filtered here, so read pages until enough
    // user events strictly after the cursor have been found or the log ends.
    let cursor = options.after;
    while (out.length < maxCount) {
      const pageSize = Math.min(maxCount - out.length + 1, MAX_READ_ALL_PAGE);
      const page = await drainAll(
        this.client.readAll({
          fromPosition: toReadPosition(cursor),
          maxCount: pageSize,
          direction: FORWARDS,
        }),
      );
      for (const { event } of page) {
        if (!event?.position || (cursor && comparePositions(event.position, cursor) <= 0)) continue;
        cursor = event.position;
        if (!isSystemEvent(event) && out.length < maxCount) out.push(toRecordedEvent(event));
      }
      if (page.length < pageSize) break;
    }
    return out;
  }

  /** Position of the last non-system event, so that a subscriber's checkpoint can actually reach it. */
  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    let from: ReadPosition = END;
    for (;;) {
      const page = await drainAll(
        this.client.readAll({ fromPosition: from, maxCount: HEAD_SCAN_PAGE, direction: BACKWARDS }),
      );
      for (const { event } of page) {
        if (!event?.position || (from !== END && comparePositions(event.position, from) >= 0)) continue;
        if (!isSystemEvent(event)) return { commit: event.position.commit, prepare: event.position.prepare };
      }
      const oldest = page[page.length - 1]?.event?.position;
      if (page.length < HEAD_SCAN_PAGE || !oldest) return undefined;
      from = oldest;
    }
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const { after, signal } = options;
    if (signal?.aborted) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: toReadPosition(after),
      filter: excludeSystemEvents(),
    });
    const iterator = subscription[Symbol.asyncIterator]();
    // A cancelled gRPC call does not always end the readable, so every wait races against the stop signal.
    let stop!: () => void;
    const stopped = new Promise<'stopped'>((resolve) => (stop = () => resolve('stopped')));
    signal?.addEventListener('abort', stop, { once: true });
    this.activeSubscriptions.add(stop);
    try {
      for (;;) {
        const next = iterator.next();
        next.catch(() => undefined); // may reject after we stopped listening
        const step = await Promise.race([next, stopped]);
        if (step === 'stopped' || step.done) return;
        const event = step.value.event;
        if (!event || isSystemEvent(event)) continue;
        // Some server versions deliver the event at an inclusive fromPosition; the port's `after` is exclusive.
        if (after && comparePositions(event.position, after) <= 0) continue;
        yield toRecordedEvent(event);
        if (signal?.aborted) return;
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      this.activeSubscriptions.delete(stop);
      await subscription.unsubscribe().catch(() => undefined);
      subscription.destroy();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of [...this.activeSubscriptions]) stop();
    if (this.ownsClient) await this.client.dispose();
  }

  /** An empty append writes nothing but still checks the expected revision, as the SQLite store does. */
  private async currentState(streamId: string, expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const [last] = await drainStream(
      this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }),
    );
    const actual = last?.event ? last.event.revision : 'no_stream';
    const ok =
      expectedRevision === 'any' ||
      (expectedRevision === 'no_stream' && actual === 'no_stream') ||
      (expectedRevision === 'stream_exists' && actual !== 'no_stream') ||
      expectedRevision === actual;
    if (!ok) throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);
    if (!last?.event) return { nextExpectedRevision: -1n, position: START };
    return {
      nextExpectedRevision: last.event.revision,
      position: await this.positionOf(streamId, last.event.revision, last.event),
    };
  }

  /**
   * Position of the event at `revision`, as stream reads report it (servers 22.6 and later). Otherwise the
   * append's own position, or failing that the head: never earlier than the event, so waiting for a subscriber
   * to reach it still terminates.
   */
  private async positionOf(
    streamId: string,
    revision: bigint,
    known?: ServerEvent,
    reported?: Position,
  ): Promise<Position> {
    const event =
      known ??
      (await drainStream(this.client.readStream(streamId, { fromRevision: revision, maxCount: 1 })))[0]
        ?.event;
    if (isReal(event?.position)) return { commit: event.position.commit, prepare: event.position.prepare };
    if (isReal(reported)) return reported;
    return (await this.headPosition()) ?? START;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError('EventStoreDbEventStore');
  }
}
