import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START as FROM_START,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import { DEFAULT_READ_ALL_MAX_COUNT } from './event-store.constants';
import { EventStoreClosedError } from './event-store.errors';
import {
  comparePositions,
  type EventStorage,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type RecordedEvent,
  type StorageAppendResult,
  type SubscribeOptions,
} from './event-store.port';
import { prepareAppend } from './event-validation';
import { appendToServer, retryOnce } from './eventstoredb-append';
import type { EventStoreDbClient } from './eventstoredb-client';
import {
  drainAll,
  drainStream,
  isSystemEvent,
  storedMetadata,
  toReadPosition,
  toRecordedEvent,
} from './eventstoredb-mapping';
import { KnownStreamIds } from './eventstoredb-known-ids';
import { followAll, type ResubscribeOptions } from './eventstoredb-subscription';

export { RECORDED_AT_METADATA_KEY } from './eventstoredb-mapping';
export type { EventStoreDbClient } from './eventstoredb-client';
export type { ResubscribeOptions } from './eventstoredb-subscription';

export type EventStoreDbEventStoreOptions = (
  | /**
     * e.g. `kurrentdb://admin:<password>@eventstore:2113?tls=true&tlsCAFile=/run/secrets/eventstore_ca`; the store owns
     * the client and disposes it on close.
     */
    { connectionString: string }
    /** A client made elsewhere (or a scripted one in a test); close() disposes it only when `disposeClient`. */
  | { client: EventStoreDbClient; disposeClient?: boolean }
) & { resubscribe?: ResubscribeOptions };

const MAX_READ_ALL_PAGE = 4096;
const HEAD_SCAN_PAGE = 100;

/**
 * Event store on EventStoreDB / KurrentDB (`@kurrent/kurrentdb-client`; see docs/adr). The log seen through this
 * port leaves out system events ($-prefixed types and streams, which appends refuse), so positions, readAll,
 * headPosition and subscriptions agree on what "the log" is. Appends, and the stream reads a command makes before
 * one, go to the leader. It stores and reads; tamper evidence is `ChainedEventStore`'s.
 */
export class EventStoreDbEventStore implements EventStorage {
  readonly client: EventStoreDbClient;
  private readonly ownsClient: boolean;
  private readonly resubscribe: ResubscribeOptions;
  private closed = false;
  /** Ends live subscriptions on close. */
  private readonly closing = new AbortController();
  /** The ids of streams read whole, so that the append a command makes next needs no look-up. */
  private readonly knownIds = new KnownStreamIds();
  /** Calls under way: close() lets them finish before it disposes the client. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(options: EventStoreDbEventStoreOptions) {
    if ('client' in options) {
      this.client = options.client;
      this.ownsClient = options.disposeClient ?? false;
    } else {
      // Lazy: no connection is made until the first call.
      this.client = KurrentDBClient.connectionString(options.connectionString);
      this.ownsClient = true;
    }
    this.resubscribe = options.resubscribe ?? {};
  }

  async append(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<StorageAppendResult> {
    this.assertOpen();
    const { expectedRevision } = options;
    if (
      typeof expectedRevision === 'bigint'
        ? expectedRevision < 0n
        : !['no_stream', 'any', 'stream_exists'].includes(expectedRevision)
    ) {
      throw new RangeError(`invalid expected revision: ${String(expectedRevision)}`);
    }
    // Refused here, before anything is sent: the client would throw inside a promise nobody awaits.
    const prepared = prepareAppend(streamId, events, storedMetadata);
    return this.track(
      appendToServer(this.client, streamId, prepared, expectedRevision, () => this.head(), this.knownIds),
    );
  }

  async readLastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    const [last] = await this.track(
      retryOnce(() =>
        drainStream(
          streamId,
          this.client.readStream(streamId, {
            fromRevision: END,
            direction: BACKWARDS,
            maxCount: 1,
            requiresLeader: true,
          }),
        ),
      ),
    );
    return last?.event ? toRecordedEvent(last.event, last.commitPosition) : undefined;
  }

  /** From the leader: a command reads its stream to decide on it, and a follower's lagging copy would conflict. */
  async readStream(
    streamId: string,
    options: { fromRevision?: bigint; maxCount?: number } = {},
  ): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const resolved = await this.track(
      retryOnce(() =>
        drainStream(
          streamId,
          this.client.readStream(streamId, {
            fromRevision: options.fromRevision ?? FROM_START,
            requiresLeader: true,
            ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
          }),
        ),
      ),
    );
    const events = resolved.flatMap((r) => (r.event ? [toRecordedEvent(r.event, r.commitPosition)] : []));
    const whole = !options.fromRevision && options.maxCount === undefined;
    // Only a stream that starts at revision 0: one recreated after a deletion would hide ids before it.
    if (whole && (events.length === 0 || events[0]!.revision === 0n)) {
      this.knownIds.read(
        streamId,
        events.map((e) => e.id),
      );
    }
    return events;
  }

  /** Returns at most `maxCount` events, {@link DEFAULT_READ_ALL_MAX_COUNT} when omitted. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.track(retryOnce(() => this.readAllPages(options)));
  }

  /** Position of the last non-system event, so that a subscriber's checkpoint can actually reach it. */
  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    return this.track(this.head());
  }

  /**
   * Catch-up, then live; made again from the last delivered position whenever the connection drops. Ends when the
   * signal aborts or the store closes; throws only for a refusal no retry can cure (access denied).
   */
  async *subscribeToAll(options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const { after, signal } = options;
    if (signal?.aborted) return;
    const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    yield* followAll(this.client, after, stop, this.resubscribe);
  }

  /** Ends subscriptions, lets the appends and reads under way finish, then disposes the client it owns. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    if (this.ownsClient) await this.client.dispose();
  }

  private async readAllPages(options: ReadAllOptions): Promise<RecordedEvent[]> {
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

  private head(): Promise<Position | undefined> {
    return retryOnce(async () => {
      let from: ReadPosition = END;
      for (;;) {
        const page = await drainAll(
          this.client.readAll({ fromPosition: from, maxCount: HEAD_SCAN_PAGE, direction: BACKWARDS }),
        );
        for (const { event } of page) {
          if (!event?.position || (from !== END && comparePositions(event.position, from) >= 0)) continue;
          if (!isSystemEvent(event))
            return { commit: event.position.commit, prepare: event.position.prepare };
        }
        const oldest = page[page.length - 1]?.event?.position;
        if (page.length < HEAD_SCAN_PAGE || !oldest) return undefined;
        from = oldest;
      }
    });
  }

  private track<T>(operation: Promise<T>): Promise<T> {
    this.inFlight.add(operation);
    const done = () => this.inFlight.delete(operation);
    operation.then(done, done);
    return operation;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError('EventStoreDbEventStore');
  }
}
