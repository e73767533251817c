import {
  BACKWARDS,
  END,
  START,
  CancelledError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendStreamState,
  type EventData,
  type Filter,
  type ReadPosition,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import type { ClientSubscription, EventStoreDbClient } from '../eventstoredb-client';

/**
 * A scripted stand-in for the client's streaming interface, for what no test can get from a server on a machine
 * that cannot run one: subscriptions that fail or just end, a node that answers "not leader", replies lost after the
 * write, deleted streams, a client disposed under an append. It keeps the server's rules that the adapter relies on
 * (exact expected revisions, repeats of a stored append answered as the original, inclusive `$all` reads, exclusive
 * subscriptions, two-number positions shared by one write's events). It is not a server: the contract suite runs
 * against a real one whenever EVENTSTORE_CONNECTION_STRING is set.
 */
export class ScriptedEventStoreDbClient implements EventStoreDbClient {
  /** Every call, with its options, in order. */
  readonly calls: { method: string; stream?: string; options: Record<string, unknown> }[] = [];
  /** The next calls of a method fail with these errors (`afterWrite`: the append is stored, its reply is lost). */
  private readonly failures: { method: string; error: Error; afterWrite?: boolean }[] = [];
  /** How the next subscriptions end: after delivering `after` events, with `error`, or just ending. */
  private readonly drops: { after: number; error?: Error }[] = [];
  private readonly log: Stored[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = 1000n;
  /** How long an append waits before it is stored (to catch it in flight). */
  appendDelayMs = 0;
  disposed = false;
  subscriptionsOpened = 0;
  readonly subscribedFrom: ReadPosition[] = [];

  failNext(method: string, error: Error, options: { afterWrite?: boolean } = {}): this {
    this.failures.push({ method, error, ...options });
    return this;
  }

  dropNextSubscription(after: number, error?: Error): this {
    this.drops.push({ after, ...(error ? { error } : {}) });
    return this;
  }

  /** Soft delete: the events stay in `$all`, the stream reads as missing, its metadata keeps `$tb`. */
  deleteStream(stream: string): void {
    const state = this.streams.get(stream)!;
    state.truncateBefore = 2n ** 63n - 1n;
  }

  tombstoneStream(stream: string): void {
    this.streams.get(stream)!.tombstoned = true;
  }

  /** Another writer (or a system event) straight into the log. */
  inject(stream: string, type: string, data: unknown): void {
    const state = this.stream(stream);
    this.store(stream, state, [{ id: crypto.randomUUID(), type, data, metadata: {} }]);
  }

  async appendToStream(
    stream: string,
    events: EventData[],
    options: { streamState: AppendStreamState; requiresLeader?: boolean },
  ): Promise<{ nextExpectedRevision: bigint; position?: { commit: bigint; prepare: bigint } }> {
    this.calls.push({ method: 'appendToStream', stream, options });
    if (this.appendDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.appendDelayMs));
    if (this.disposed) throw new CancelledError(undefined, 'the client was disposed');
    const failure = this.takeFailure('appendToStream');
    if (failure && !failure.afterWrite) throw failure.error;
    const result = this.write(stream, events, options.streamState);
    if (failure) throw failure.error;
    return result;
  }

  readStream(
    stream: string,
    options: { fromRevision?: ReadRevision; direction?: string; maxCount?: number; requiresLeader?: boolean },
  ): AsyncIterable<unknown> {
    this.calls.push({ method: 'readStream', stream, options });
    const failure = this.takeFailure('readStream');
    const state = this.streams.get(stream);
    return (async function* () {
      if (failure) throw failure.error;
      if (state?.tombstoned) throw StreamDeletedError.fromStreamName(stream);
      const visible = state?.events.filter((e) => e.revision >= (state.truncateBefore ?? 0n)) ?? [];
      if (visible.length === 0) throw new StreamNotFoundError(undefined, stream);
      const backwards = options.direction === BACKWARDS;
      const from = options.fromRevision ?? (backwards ? END : START);
      let selected = backwards ? [...visible].reverse() : visible;
      if (typeof from === 'bigint') {
        selected = selected.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
      }
      for (const event of selected.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER)) {
        yield { event: resolved(event), commitPosition: event.position.commit };
      }
    })();
  }

  readAll(options: {
    fromPosition?: ReadPosition;
    direction?: string;
    maxCount?: number;
  }): AsyncIterable<unknown> {
    this.calls.push({ method: 'readAll', options });
    const failure = this.takeFailure('readAll');
    const log = this.log;
    return (async function* () {
      if (failure) throw failure.error;
      const backwards = options.direction === BACKWARDS;
      const from = options.fromPosition ?? (backwards ? END : START);
      let selected = backwards ? [...log].reverse() : log;
      if (typeof from === 'object') {
        selected = selected.filter((e) =>
          backwards ? compare(e.position, from) <= 0 : compare(e.position, from) >= 0,
        );
      }
      for (const event of selected.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER)) {
        yield { event: resolved(event) };
      }
    })();
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter }): ClientSubscription {
    this.calls.push({ method: 'subscribeToAll', options });
    this.subscriptionsOpened++;
    this.subscribedFrom.push(options.fromPosition ?? START);
    const failure = this.takeFailure('subscribeToAll');
    const drop = failure ? undefined : this.drops.shift();
    const from = options.fromPosition;
    let ended = false;
    let wake = () => {};
    const listener = () => wake();
    this.listeners.add(listener);
    const log = this.log;
    const iterator = async function* (this: ScriptedEventStoreDbClient) {
      try {
        if (failure) throw failure.error;
        let delivered = 0;
        let index = typeof from === 'object' ? log.findIndex((e) => compare(e.position, from) > 0) : 0;
        if (index < 0) index = log.length;
        while (!ended) {
          if (index < log.length) {
            const event = log[index++]!;
            if (event.type.startsWith('$')) continue;
            if (drop && delivered === drop.after) {
              if (drop.error) throw drop.error;
              return;
            }
            delivered++;
            yield { event: resolved(event) };
            continue;
          }
          if (drop && delivered === drop.after) {
            if (drop.error) throw drop.error;
            return;
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        this.listeners.delete(listener);
      }
    }.call(this);
    return {
      [Symbol.asyncIterator]: () => iterator,
      unsubscribe: async () => {
        ended = true;
        wake();
      },
    };
  }

  async getStreamMetadata(stream: string, options?: { requiresLeader?: boolean }) {
    this.calls.push({ method: 'getStreamMetadata', stream, options: { ...options } });
    const failure = this.takeFailure('getStreamMetadata');
    if (failure) throw failure.error;
    const truncateBefore = this.streams.get(stream)?.truncateBefore;
    return truncateBefore === undefined ? {} : { metadata: { truncateBefore } };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  /** The events of a stream as stored, deleted ones included. */
  stored(stream: string): Stored[] {
    return this.streams.get(stream)?.events ?? [];
  }

  private write(stream: string, events: EventData[], expected: AppendStreamState) {
    const state = this.stream(stream);
    if (state.tombstoned) throw StreamDeletedError.fromStreamName(stream);
    const last = state.events[state.events.length - 1];
    const deleted = state.truncateBefore === 2n ** 63n - 1n;
    const current: bigint | 'no_stream' = last && !deleted ? last.revision : 'no_stream';
    // A repeat of a stored append, recognised as the server does: by the ids right after the expected revision.
    const from = expected === 'no_stream' ? 0n : typeof expected === 'bigint' ? expected + 1n : undefined;
    if (from !== undefined && current !== 'no_stream' && from <= current) {
      const there = state.events.filter((e) => e.revision >= from).slice(0, events.length);
      if (there.length === events.length && there.every((e, i) => e.id === events[i]!.id)) {
        return { nextExpectedRevision: there[there.length - 1]!.revision, position: undefined };
      }
    }
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      expected === current;
    if (!ok) {
      throw new WrongExpectedVersionError(undefined, { streamName: stream, expected, current });
    }
    // A soft-deleted stream written to again goes on after its last revision (the server's undelete).
    if (deleted) state.truncateBefore = (last?.revision ?? -1n) + 1n;
    const first = this.store(stream, state, events);
    const written = state.events[state.events.length - 1]!;
    return { nextExpectedRevision: written.revision, position: { commit: first, prepare: first } };
  }

  private store(
    stream: string,
    state: StreamState,
    events: { id: string; type: string; data: unknown; metadata?: unknown }[],
  ): bigint {
    const commit = this.nextPosition;
    for (const event of events) {
      // As the client sends it: JSON text, which the server stores and gives back parsed.
      const stored: Stored = {
        streamId: stream,
        id: event.id,
        type: event.type,
        revision: BigInt(state.events.length),
        data: JSON.parse(JSON.stringify(event.data)) as unknown,
        metadata: event.metadata === undefined ? {} : (JSON.parse(JSON.stringify(event.metadata)) as unknown),
        position: { commit, prepare: this.nextPosition },
        created: new Date(),
      };
      this.nextPosition += 100n;
      state.events.push(stored);
      this.log.push(stored);
    }
    for (const listener of [...this.listeners]) listener();
    return commit;
  }

  private stream(name: string): StreamState {
    let state = this.streams.get(name);
    if (!state) this.streams.set(name, (state = { events: [] }));
    return state;
  }

  private takeFailure(method: string) {
    const index = this.failures.findIndex((f) => f.method === method);
    return index < 0 ? undefined : this.failures.splice(index, 1)[0];
  }
}

interface Stored {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  data: unknown;
  metadata: unknown;
  position: { commit: bigint; prepare: bigint };
  created: Date;
}

interface StreamState {
  events: Stored[];
  truncateBefore?: bigint;
  tombstoned?: boolean;
}

function resolved(event: Stored) {
  return { ...event, isJson: true };
}

function compare(a: { commit: bigint; prepare: bigint }, b: { commit: bigint; prepare: bigint }): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

/** A node's answer that another node leads now; the client moves to it. */
export function notLeader(): NotLeaderError {
  return new NotLeaderError({
    metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' },
  } as unknown as ConstructorParameters<typeof NotLeaderError>[0]);
}

export function unavailable(): UnavailableError {
  return new UnavailableError(undefined, 'the connection was lost');
}
