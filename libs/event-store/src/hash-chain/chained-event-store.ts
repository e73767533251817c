import { EventStoreClosedError } from '../event-store.errors';
import { checkAppend } from '../event-validation';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStorage,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type RecordedEvent,
  type StorageAppendResult,
  type SubscribeOptions,
} from '../event-store.port';
import { GENESIS, hashAfter, linkEvents, type ChainLink } from './links';
import { StreamHeads, type StreamHead } from './stream-heads';

export interface ChainedEventStoreOptions {
  /** How many streams' last revision and hash are kept, to link the next append without a read (about 250 bytes each). Default 16,384: more than the streams appended to at once under load. */
  cacheSize?: number;
  /** The clock that fixes each append's recording instant. */
  now?: () => Date;
}

/**
 * Attempts of an append with 'any' or 'stream_exists' while other processes keep appending to the stream. Another
 * process's burst to the stream goes first (it knows the head, this one has to read it), so the bound is generous.
 */
const MAX_ATTEMPTS = 50;

/**
 * Tamper evidence over any adapter: every appended event gets, in `metadata.chain`, a link to the event before it
 * in its stream and a hash over its content and recording instant (see `links.ts`). Streams chain independently,
 * so appends to different streams stay concurrent (and share the adapter's group commit); appends to one stream
 * are linked one after the other in this process, and against other processes each append names the exact
 * revision its link was computed for, so the adapter refuses it rather than store a wrong link.
 */
export class ChainedEventStore<S extends EventStorage = EventStorage> implements EventStore {
  private readonly heads: StreamHeads;
  private readonly now: () => Date;
  /** The last append issued to each stream, while it runs: the next one to that stream waits for it. */
  private readonly tails = new Map<string, Tail>();
  private closed = false;

  constructor(
    /** The adapter underneath, for what only it offers (a SQLite store's commit count, say). */
    readonly storage: S,
    options: ChainedEventStoreOptions = {},
  ) {
    this.heads = new StreamHeads(options.cacheSize ?? 16_384);
    this.now = options.now ?? (() => new Date());
  }

  append(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreClosedError('ChainedEventStore'));
    const { expectedRevision } = options;
    if (
      typeof expectedRevision === 'bigint'
        ? expectedRevision < 0n
        : !['no_stream', 'any', 'stream_exists'].includes(expectedRevision)
    ) {
      return Promise.reject(new RangeError(`invalid expected revision: ${String(expectedRevision)}`));
    }
    if (events.length === 0) return this.storage.append(streamId, events, options).then(portResult);
    let normalised: EventToAppend[];
    try {
      // Refused here, before any hashing: what the chain would hash and what the store would keep must not differ.
      normalised = checkAppend(streamId, events);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const before = this.tails.get(streamId);
    // In the map before the append starts, so that the append can take it out when it ends (and only then).
    const tail: Tail = { done: undefined as unknown as Promise<AppendResult> };
    this.tails.set(streamId, tail);
    const run = () => this.appendLinked(streamId, normalised, expectedRevision, tail);
    tail.done = before ? before.done.then(run, run) : run();
    return tail.done;
  }

  async readStream(
    streamId: string,
    options: { fromRevision?: bigint; maxCount?: number } = {},
  ): Promise<RecordedEvent[]> {
    const events = await this.storage.readStream(streamId, options);
    const last = events[events.length - 1];
    // A read that did not stop at maxCount ran to the stream's end: its last event is the head.
    if (last && (options.maxCount === undefined || events.length < options.maxCount)) {
      this.heads.remember(streamId, { revision: last.revision, hash: hashAfter(last) });
    }
    return events;
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.storage.readAll(options);
  }

  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return this.storage.subscribeToAll(options);
  }

  headPosition(): Promise<Position | undefined> {
    return this.storage.headPosition();
  }

  /** The adapter's write probe, where it has one (readiness). */
  async probeWrites(): Promise<void> {
    await this.storage.probeWrites?.();
  }

  /** Lets the appends already asked for finish, then closes the adapter. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.tails.values()].map((tail) => tail.done.catch(ignore)));
    await this.storage.close();
  }

  private async appendLinked(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
    tail: Tail,
  ): Promise<AppendResult> {
    try {
      return await this.appendAtHead(streamId, events, expected);
    } finally {
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    }
  }

  private async appendAtHead(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const exact = typeof expected === 'bigint' || expected === 'no_stream';
    for (let attempt = 1; ; attempt++) {
      const head = await this.headFor(streamId, expected, attempt === 1);
      if (expected === 'stream_exists' && !head) {
        throw new WrongExpectedRevisionError(streamId, expected, 'no_stream');
      }
      const linked = linkEvents(
        streamId,
        head ? head.revision + 1n : 0n,
        head?.hash ?? GENESIS,
        events,
        this.now(),
      );
      let result: StorageAppendResult;
      try {
        result = await this.storage.append(streamId, linked, {
          expectedRevision: head ? head.revision : 'no_stream',
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        const { actual } = error;
        this.heads.forget(streamId, (known) => known.revision === actual);
        if (exact) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new WrongExpectedRevisionError(streamId, expected, actual);
        // Spread the retries out (jittered, doubling up to 100 ms) rather than spin against the other writer.
        if (attempt > 1) {
          const ceiling = Math.min(2 ** attempt, 100);
          await delay(ceiling / 2 + (Math.random() * ceiling) / 2);
        }
        continue;
      }
      if (result.written === true) {
        const chain = linked[linked.length - 1]!.metadata.chain as ChainLink;
        this.heads.remember(streamId, { revision: result.nextExpectedRevision, hash: chain.hash });
      } else {
        // A retry answered with the original result: the stored links are the original ones, not these. A head
        // older than that result is stale; one at it was read from the store and stays.
        const reached = result.nextExpectedRevision;
        this.heads.forget(streamId, (known) => known.revision >= reached);
      }
      return portResult(result);
    }
  }

  /** The event the append links to: null for a new stream. */
  private async headFor(
    streamId: string,
    expected: ExpectedRevision,
    useCache: boolean,
  ): Promise<StreamHead | null> {
    if (expected === 'no_stream') return null;
    if (typeof expected === 'bigint') {
      const cached = this.heads.get(streamId);
      return cached?.revision === expected ? cached : this.headAt(streamId, expected);
    }
    // 'any' or 'stream_exists': whatever the stream's last event is, appended to at exactly that revision.
    const cached = useCache ? this.heads.get(streamId) : undefined;
    if (cached) return cached;
    const last = await this.storage.readLastEvent(streamId);
    if (!last) return null;
    const head = { revision: last.revision, hash: hashAfter(last) };
    this.heads.remember(streamId, head);
    return head;
  }

  /** The event at the expected revision; when the stream has none, the append fails as the adapter would fail it. */
  private async headAt(streamId: string, revision: bigint): Promise<StreamHead> {
    for (let attempt = 1; ; attempt++) {
      const [event] = await this.storage.readStream(streamId, { fromRevision: revision, maxCount: 1 });
      if (event?.revision === revision) return { revision, hash: hashAfter(event) };
      const last = await this.storage.readLastEvent(streamId);
      // Another process may have reached the revision in between: read it once more.
      if (attempt === 1 && last && last.revision >= revision) continue;
      throw new WrongExpectedRevisionError(streamId, revision, last ? last.revision : 'no_stream');
    }
  }
}

/** Wraps an adapter in the hash chain: how every store the application uses is opened. */
export function chained<S extends EventStorage>(
  storage: S,
  options?: ChainedEventStoreOptions,
): ChainedEventStore<S> {
  return new ChainedEventStore(storage, options);
}

interface Tail {
  done: Promise<AppendResult>;
}

function portResult({ nextExpectedRevision, position }: StorageAppendResult): AppendResult {
  return { nextExpectedRevision, position };
}

function ignore(): void {}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
