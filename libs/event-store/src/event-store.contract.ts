import { randomUUID } from 'node:crypto';
import { EventStoreClosedError } from './event-store.errors';
import { productionContract, type ProductionContractHooks } from './event-store.production.contract';
import { chainOf, CHAIN_VERSION, eventHash, GENESIS } from './hash-chain/index';
import {
  WrongExpectedRevisionError,
  comparePositions,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
} from './event-store.port';

export interface EventStoreContractOptions extends ProductionContractHooks {
  /**
   * `create` returns a store whose log starts empty and that nobody else writes to, which allows absolute
   * assertions (an empty store has no head, a page holds only this test's events). Leave it off for a shared server.
   */
  isolated?: boolean;
  /** How long a subscription may take to deliver what a test waits for. Default 10 000 ms. */
  deliveryTimeoutMs?: number;
}

/**
 * The behaviour every event store the application uses must have: an adapter under the hash chain
 * (`chained(adapter)`). Call it from an adapter's spec file. Every test writes to
 * streams with a random suffix and asserts on the log only relative to a head taken at its start, so the suite
 * also runs against a server that holds other data or is written to concurrently.
 */
export function eventStoreContract(
  name: string,
  create: () => Promise<EventStore>,
  options: EventStoreContractOptions = {},
): void {
  const isolated = options.isolated ?? false;
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? 10_000;

  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;

    beforeEach(async () => {
      store = await create();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('append', () => {
      it('creates a stream with no_stream, numbering its events from revision 0', async () => {
        const streamId = stream('create');
        const events = [event('Opened', { n: 1 }), event('Renamed', { n: 2 })];
        const head = await store.headPosition();

        const result = await store.append(streamId, events, { expectedRevision: 'no_stream' });

        expect(result.nextExpectedRevision).toBe(1n);
        const read = await store.readStream(streamId);
        expect(read.map(summary)).toEqual([
          { id: events[0]!.id, type: 'Opened', streamId, revision: 0n, data: { n: 1 } },
          { id: events[1]!.id, type: 'Renamed', streamId, revision: 1n, data: { n: 2 } },
        ]);
        for (const recorded of read) {
          expect(recorded.recordedAt).toBeInstanceOf(Date);
          expect(Number.isNaN(recorded.recordedAt.getTime())).toBe(false);
        }
        // The result's position is the $all position of the last event written.
        const inLog = (await readLogAfter(store, head)).filter((e) => e.streamId === streamId);
        expect(inLog.map((e) => e.id)).toEqual(events.map((e) => e.id));
        expect(result.position).toEqual(inLog[1]!.position);
        expect(comparePositions(inLog[0]!.position, inLog[1]!.position)).toBe(-1);
      });

      it('appends at the exact expected revision', async () => {
        const streamId = stream('exact');
        const first = await store.append(streamId, [event()], { expectedRevision: 'no_stream' });
        const second = await store.append(streamId, [event(), event()], { expectedRevision: 0n });

        expect(first.nextExpectedRevision).toBe(0n);
        expect(second.nextExpectedRevision).toBe(2n);
        expect(comparePositions(second.position, first.position)).toBe(1);
        expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it("appends with 'any' whether or not the stream exists", async () => {
        const streamId = stream('any');
        expect(
          (await store.append(streamId, [event()], { expectedRevision: 'any' })).nextExpectedRevision,
        ).toBe(0n);
        expect(
          (await store.append(streamId, [event()], { expectedRevision: 'any' })).nextExpectedRevision,
        ).toBe(1n);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it("appends with 'stream_exists' to an existing stream", async () => {
        const streamId = stream('exists');
        await store.append(streamId, [event()], { expectedRevision: 'no_stream' });
        const result = await store.append(streamId, [event()], { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('keeps streams apart', async () => {
        const a = stream('apart-a');
        const b = stream('apart-b');
        const a0 = event();
        const b0 = event();
        const a1 = event();
        await store.append(a, [a0], { expectedRevision: 'no_stream' });
        await store.append(b, [b0], { expectedRevision: 'no_stream' });
        await store.append(a, [a1], { expectedRevision: 0n });
        expect((await store.readStream(a)).map((e) => e.id)).toEqual([a0.id, a1.id]);
        expect((await store.readStream(b)).map((e) => [e.id, e.revision])).toEqual([[b0.id, 0n]]);
      });

      it('an empty append writes nothing and reports the current state', async () => {
        const missing = stream('empty-missing');
        const empty = await store.append(missing, [], { expectedRevision: 'no_stream' });
        expect(empty.nextExpectedRevision).toBe(-1n);
        expect(await store.readStream(missing)).toEqual([]);

        const existing = stream('empty-existing');
        const written = await store.append(existing, [event(), event()], { expectedRevision: 'no_stream' });
        const again = await store.append(existing, [], { expectedRevision: 'any' });
        expect(again).toEqual(written);
        expect(await store.readStream(existing)).toHaveLength(2);
      });
    });

    describe('expected revision', () => {
      const cases: {
        title: string;
        existing: number;
        expected: ExpectedRevision;
        actual: bigint | 'no_stream';
      }[] = [
        { title: 'no_stream on an existing stream', existing: 2, expected: 'no_stream', actual: 1n },
        {
          title: 'stream_exists on a missing stream',
          existing: 0,
          expected: 'stream_exists',
          actual: 'no_stream',
        },
        { title: 'a revision behind the stream', existing: 2, expected: 0n, actual: 1n },
        { title: 'a revision ahead of the stream', existing: 2, expected: 5n, actual: 1n },
        { title: 'a revision on a missing stream', existing: 0, expected: 0n, actual: 'no_stream' },
      ];

      for (const { title, existing, expected, actual } of cases) {
        it(`rejects ${title} with the actual revision and writes nothing`, async () => {
          const streamId = stream('wrong');
          const before = existing > 0 ? events(existing) : [];
          if (before.length > 0) await store.append(streamId, before, { expectedRevision: 'no_stream' });
          const head = await store.headPosition();
          const rejected = events(3);

          const error = await failure(store.append(streamId, rejected, { expectedRevision: expected }));

          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId, expected, actual });
          expect((await store.readStream(streamId)).map((e) => e.id)).toEqual(before.map((e) => e.id));
          const rejectedIds = new Set(rejected.map((e) => e.id));
          expect((await readLogAfter(store, head)).filter((e) => rejectedIds.has(e.id))).toEqual([]);
        });
      }

      it('an empty append still checks the expected revision', async () => {
        const streamId = stream('empty-check');
        await store.append(streamId, [event()], { expectedRevision: 'no_stream' });
        const error = await failure(store.append(streamId, [], { expectedRevision: 3n }));
        expect(error).toMatchObject({ streamId, expected: 3n, actual: 0n });
      });
    });

    describe('idempotency', () => {
      it('a retried append returns the original result and writes nothing', async () => {
        const streamId = stream('retry');
        const batch = events(2);
        const head = await store.headPosition();

        const original = await store.append(streamId, batch, { expectedRevision: 'no_stream' });
        const retried = await store.append(streamId, batch, { expectedRevision: 'no_stream' });

        expect(retried).toEqual(original);
        expect(await store.readStream(streamId)).toHaveLength(2);
        expect((await readLogAfter(store, head)).filter((e) => e.streamId === streamId)).toHaveLength(2);
      });

      it('a retry is recognised after later appends to the stream', async () => {
        const streamId = stream('late-retry');
        const [a, b, c, d] = events(4) as [EventToAppend, EventToAppend, EventToAppend, EventToAppend];
        const first = await store.append(streamId, [a, b], { expectedRevision: 'no_stream' });
        const second = await store.append(streamId, [c], { expectedRevision: 1n });
        await store.append(streamId, [d], { expectedRevision: 2n });

        expect(await store.append(streamId, [a, b], { expectedRevision: 'no_stream' })).toEqual(first);
        expect(await store.append(streamId, [c], { expectedRevision: 1n })).toEqual(second);
        expect((await store.readStream(streamId)).map((e) => e.id)).toEqual([a.id, b.id, c.id, d.id]);
      });
    });

    describe('readStream', () => {
      it('reads in revision order, from a revision, at most maxCount events', async () => {
        const streamId = stream('read');
        await store.append(streamId, events(5), { expectedRevision: 'no_stream' });
        const revisions = async (opts: { fromRevision?: bigint; maxCount?: number }) =>
          (await store.readStream(streamId, opts)).map((e) => e.revision);

        expect(await revisions({})).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(await revisions({ fromRevision: 2n })).toEqual([2n, 3n, 4n]);
        expect(await revisions({ maxCount: 2 })).toEqual([0n, 1n]);
        expect(await revisions({ fromRevision: 3n, maxCount: 1 })).toEqual([3n]);
        expect(await revisions({ fromRevision: 5n })).toEqual([]);
      });

      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(stream('missing'))).toEqual([]);
        expect(await store.readStream(stream('missing'), { fromRevision: 3n, maxCount: 10 })).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('orders events across streams by position; after is exclusive', async () => {
        const a = stream('all-a');
        const b = stream('all-b');
        const head = await store.headPosition();
        const [a0, b0, a1] = events(3) as [EventToAppend, EventToAppend, EventToAppend];
        await store.append(a, [a0], { expectedRevision: 'no_stream' });
        await store.append(b, [b0], { expectedRevision: 'no_stream' });
        await store.append(a, [a1], { expectedRevision: 0n });

        const log = await store.readAll(head ? { after: head } : {});
        if (isolated) expect(log.map((e) => e.id)).toEqual([a0.id, b0.id, a1.id]);
        expectStrictlyIncreasing(log);
        const mine = (await readLogAfter(store, head)).filter((e) => e.streamId === a || e.streamId === b);
        expect(mine.map((e) => e.id)).toEqual([a0.id, b0.id, a1.id]);

        const afterFirst = await readLogAfter(store, mine[0]!.position);
        expect(afterFirst.every((e) => comparePositions(e.position, mine[0]!.position) > 0)).toBe(true);
        expect(afterFirst.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.id)).toEqual([
          b0.id,
          a1.id,
        ]);
      });

      it('pages through the log with maxCount, without gaps or duplicates', async () => {
        const streams = [stream('page-a'), stream('page-b'), stream('page-c')];
        const head = await store.headPosition();
        const written: string[] = [];
        for (let i = 0; i < 7; i++) {
          const streamId = streams[i % 3]!;
          const next = event();
          await store.append(streamId, [next], { expectedRevision: 'any' });
          written.push(next.id);
        }

        const pages: RecordedEvent[][] = [];
        let after = head;
        for (;;) {
          const page = await store.readAll({ ...(after ? { after } : {}), maxCount: 3 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(3);
          pages.push(page);
          after = page[page.length - 1]!.position;
        }
        const paged = pages.flat();
        if (isolated) expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
        expectStrictlyIncreasing(paged);
        expect(paged.filter((e) => streams.includes(e.streamId)).map((e) => e.id)).toEqual(written);
        expect(await store.readAll({ maxCount: 0 })).toEqual([]);
      });
    });

    describe('headPosition', () => {
      if (isolated) {
        it('is undefined for an empty store', async () => {
          expect(await store.headPosition()).toBeUndefined();
        });
      }

      it('is at or after the last appended event', async () => {
        const result = await store.append(stream('head'), events(2), { expectedRevision: 'no_stream' });
        const head = await store.headPosition();
        expect(head).toBeDefined();
        if (isolated) expect(head).toEqual(result.position);
        else expect(comparePositions(head!, result.position)).toBeGreaterThanOrEqual(0);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, then delivers live events in order', async () => {
        const a = stream('sub-a');
        const b = stream('sub-b');
        const head = await store.headPosition();
        const early = [event(), event(), event()];
        await store.append(a, early.slice(0, 2), { expectedRevision: 'no_stream' });
        await store.append(b, early.slice(2), { expectedRevision: 'no_stream' });

        const sub = subscribe(store, head, (e) => e.streamId === a || e.streamId === b);
        try {
          await sub.waitFor(3, deliveryTimeoutMs);
          const late = [event(), event()];
          await store.append(a, late.slice(0, 1), { expectedRevision: 1n });
          await store.append(b, late.slice(1), { expectedRevision: 0n });
          await sub.waitFor(5, deliveryTimeoutMs);

          expect(sub.received.map((e) => e.id)).toEqual([...early, ...late].map((e) => e.id));
          expect(sub.orderViolations).toEqual([]);
        } finally {
          await sub.stop();
        }
      });

      it('resumes strictly after a checkpoint', async () => {
        const streamId = stream('resume');
        const written = events(5);
        const head = await store.headPosition();
        await store.append(streamId, written, { expectedRevision: 'no_stream' });
        const checkpoint = (await readLogAfter(store, head, streamId))[1]!;
        expect(checkpoint.id).toBe(written[1]!.id);

        const sub = subscribe(store, checkpoint.position, (e) => e.streamId === streamId);
        try {
          await sub.waitFor(3, deliveryTimeoutMs);
          const live = event();
          await store.append(streamId, [live], { expectedRevision: 4n });
          await sub.waitFor(4, deliveryTimeoutMs);
          expect(sub.received.map((e) => e.id)).toEqual([...written.slice(2), live].map((e) => e.id));
          expect(sub.received.map((e) => e.revision)).toEqual([2n, 3n, 4n, 5n]);
        } finally {
          await sub.stop();
        }
      });

      it('delivers many concurrent appends across streams exactly once, in position order', async () => {
        const streams = Array.from({ length: 40 }, (_, i) => stream(`burst-${i}`));
        const perStream = 5;
        const mine = new Set(streams);
        const head = await store.headPosition();
        // Part of the burst is already stored when the subscription starts, so it crosses catch-up into live.
        await Promise.all(
          streams.slice(0, 10).map((s) => store.append(s, [event()], { expectedRevision: 'no_stream' })),
        );

        const sub = subscribe(store, head, (e) => mine.has(e.streamId));
        try {
          await Promise.all(
            streams.map(async (s, i) => {
              let revision: ExpectedRevision = i < 10 ? 0n : 'no_stream';
              for (let n = i < 10 ? 1 : 0; n < perStream; n++) {
                revision = (await store.append(s, [event()], { expectedRevision: revision }))
                  .nextExpectedRevision;
              }
            }),
          );
          await sub.waitFor(streams.length * perStream, deliveryTimeoutMs);
          await delay(50); // anything extra (a duplicate) would arrive now

          expect(sub.received).toHaveLength(streams.length * perStream);
          expect(new Set(sub.received.map((e) => e.id)).size).toBe(streams.length * perStream);
          expect(sub.orderViolations).toEqual([]);
          for (const s of streams) {
            expect(sub.received.filter((e) => e.streamId === s).map((e) => e.revision)).toEqual([
              0n,
              1n,
              2n,
              3n,
              4n,
            ]);
          }
        } finally {
          await sub.stop();
        }
      });

      it('ends the iteration when the signal aborts', async () => {
        const controller = new AbortController();
        const head = await store.headPosition();
        const received: RecordedEvent[] = [];
        const iteration = (async () => {
          for await (const e of store.subscribeToAll({
            ...(head ? { after: head } : {}),
            signal: controller.signal,
          })) {
            received.push(e);
          }
        })();
        await delay(100); // let it go live and wait
        controller.abort();
        await expect(within(iteration, 5000)).resolves.toBeUndefined();

        const iterated: RecordedEvent[] = [];
        for await (const e of store.subscribeToAll({ signal: AbortSignal.abort() })) iterated.push(e);
        expect(iterated).toEqual([]);
      });

      it('stops cleanly when the consumer breaks out', async () => {
        const streamId = stream('break');
        const start = await store.headPosition();
        await store.append(streamId, events(3), { expectedRevision: 'no_stream' });
        const head = await store.headPosition();
        const firstPosition = (await readLogAfter(store, start, streamId))[0]!.position;
        let seen = 0;
        for await (const e of store.subscribeToAll({ after: firstPosition })) {
          seen++;
          if (comparePositions(e.position, head!) >= 0) break;
        }
        expect(seen).toBeGreaterThanOrEqual(2);
      });
    });

    describe('payloads', () => {
      it('round-trips data and metadata exactly', async () => {
        const streamId = stream('payload');
        const metadata: EventMetadata = {
          actor: 'user:王小明',
          role: 'approver',
          tier: 'province',
          comment: 'ok — “quoted”, with\na newline and an emoji 😀',
          correlationId: randomUUID(),
          causationId: randomUUID(),
          occurredAt: '2024-02-29T23:59:59.999Z',
          idempotencyKey: `key-${randomUUID()}`,
          extra: { nested: [1, 'two', null, { deep: true }], zero: 0, negative: -1.5, empty: '' },
        };
        const data = {
          text: 'línea\tcontrol\u0001 and unicode ✓',
          largest: Number.MAX_SAFE_INTEGER,
          fraction: 0.1,
          flags: [true, false],
          nothing: null,
          emptyObject: {},
          emptyArray: [],
          nested: { list: [{ a: 1 }, { b: [2, 3] }] },
        };
        const written = { id: randomUUID(), type: 'Payload', data, metadata };
        const head = await store.headPosition();
        await store.append(streamId, [written], { expectedRevision: 'no_stream' });

        const [fromStream] = await store.readStream(streamId);
        const fromLog = (await readLogAfter(store, head)).find((e) => e.id === written.id)!;
        const sub = subscribe(store, head, (e) => e.id === written.id);
        try {
          await sub.waitFor(1, deliveryTimeoutMs);
        } finally {
          await sub.stop();
        }
        for (const recorded of [fromStream!, fromLog, sub.received[0]!]) {
          expect(recorded.data).toStrictEqual(data);
          // The store adds the chain link and nothing else.
          const { chain, ...rest } = recorded.metadata as typeof recorded.metadata & { chain?: unknown };
          expect(rest).toStrictEqual(metadata);
          expect(chain).toEqual({
            v: CHAIN_VERSION,
            prev: GENESIS,
            hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          });
        }
        // Every read reports the one recording instant, the one the hash covers.
        expect(fromLog.recordedAt).toEqual(fromStream!.recordedAt);
        expect(sub.received[0]!.recordedAt).toEqual(fromStream!.recordedAt);
      });
    });

    describe('hash chain', () => {
      it("links every event to the one before it in its stream, over the event's whole content and recording instant", async () => {
        const streamId = `chain-${randomUUID()}`;
        await store.append(streamId, [event(), event()], { expectedRevision: 'no_stream' });
        await store.append(streamId, [event()], { expectedRevision: 'any' });
        const recorded = await store.readStream(streamId);
        let prev = GENESIS;
        for (const e of recorded) {
          const link = chainOf(e)!;
          expect(link.prev).toBe(prev);
          expect(link.hash).toBe(eventHash(prev, e));
          prev = link.hash;
        }
        // Another stream starts its own chain: appends to different streams do not wait for each other.
        const other = `chain-${randomUUID()}`;
        await store.append(other, [event()], { expectedRevision: 'no_stream' });
        expect(chainOf((await store.readStream(other))[0]!)!.prev).toBe(GENESIS);
        // Any change to the content changes the hash.
        const first = recorded[0]!;
        expect(eventHash(GENESIS, { ...first, data: { ...(first.data as object), changed: true } })).not.toBe(
          chainOf(first)!.hash,
        );
        expect(
          eventHash(GENESIS, { ...first, recordedAt: new Date(first.recordedAt.getTime() + 1) }),
        ).not.toBe(chainOf(first)!.hash);
      });

      it('links concurrent appends to one stream in the order they are stored, whatever revision they expect', async () => {
        const streamId = stream('chain-concurrent');
        await store.append(streamId, [event()], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled([
          ...Array.from({ length: 8 }, () => store.append(streamId, [event()], { expectedRevision: 'any' })),
          ...Array.from({ length: 4 }, () =>
            store.append(streamId, [event(), event()], { expectedRevision: 'stream_exists' }),
          ),
          store.append(streamId, [event()], { expectedRevision: 0n }),
        ]);
        expect(outcomes.slice(0, 12).every((o) => o.status === 'fulfilled')).toBe(true);
        const recorded = await store.readStream(streamId);
        expect(recorded.map((e) => e.revision)).toEqual(recorded.map((_, i) => BigInt(i)));
        expect(recorded.length).toBe(outcomes[12]!.status === 'fulfilled' ? 18 : 17);
        let prev = GENESIS;
        for (const e of recorded) {
          expect(chainOf(e)).toEqual({ v: CHAIN_VERSION, prev, hash: eventHash(prev, e) });
          prev = chainOf(e)!.hash;
        }
      });
    });

    productionContract(() => store, options, deliveryTimeoutMs);

    describe('close', () => {
      it('rejects calls once closed', async () => {
        await store.close();
        await expect(store.append(stream('closed'), [event()], { expectedRevision: 'any' })).rejects.toThrow(
          EventStoreClosedError,
        );
        await expect(store.readStream(stream('closed'))).rejects.toThrow(EventStoreClosedError);
        await expect(store.readAll()).rejects.toThrow(EventStoreClosedError);
        await expect(store.headPosition()).rejects.toThrow(EventStoreClosedError);
        await expect(store.subscribeToAll()[Symbol.asyncIterator]().next()).rejects.toThrow(
          EventStoreClosedError,
        );
      });
    });
  });
}

function stream(label: string): string {
  return `contract_${label}-${randomUUID().replaceAll('-', '')}`;
}

function metadata(): EventMetadata {
  return {
    actor: 'contract-test',
    role: 'clerk',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  };
}

function event(type = 'ContractTested', data: unknown = { at: Date.now() }): EventToAppend {
  return { id: randomUUID(), type, data, metadata: metadata() };
}

function events(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => event('ContractTested', { i }));
}

function summary(e: RecordedEvent) {
  return { id: e.id, type: e.type, streamId: e.streamId, revision: e.revision, data: e.data };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

function expectStrictlyIncreasing(log: RecordedEvent[]): void {
  for (let i = 1; i < log.length; i++) {
    expect(comparePositions(log[i - 1]!.position, log[i]!.position)).toBe(-1);
  }
}

/** Everything after `after` (optionally of one stream), page by page, so that foreign writers cannot push ours off a page. */
async function readLogAfter(
  store: EventStore,
  after: Position | undefined,
  streamId?: string,
): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll({ ...(cursor ? { after: cursor } : {}), maxCount: 500 });
    if (page.length === 0) return out;
    out.push(...(streamId ? page.filter((e) => e.streamId === streamId) : page));
    cursor = page[page.length - 1]!.position;
  }
}

interface TestSubscriber {
  /** Delivered events that the filter accepted, in delivery order. */
  received: RecordedEvent[];
  /** Deliveries (of any event) that did not come strictly after the one before. */
  orderViolations: string[];
  waitFor(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

function subscribe(
  store: EventStore,
  after: Position | undefined,
  accept: (e: RecordedEvent) => boolean,
): TestSubscriber {
  const controller = new AbortController();
  const received: RecordedEvent[] = [];
  const orderViolations: string[] = [];
  let failed: unknown;
  let last: Position | undefined;
  const running = (async () => {
    for await (const e of store.subscribeToAll({ ...(after ? { after } : {}), signal: controller.signal })) {
      if (last && comparePositions(last, e.position) >= 0) {
        orderViolations.push(
          `${e.id} at ${e.position.commit}/${e.position.prepare} after ${last.commit}/${last.prepare}`,
        );
      }
      last = e.position;
      if (accept(e)) received.push(e);
    }
  })().catch((error: unknown) => {
    failed = error;
  });
  return {
    received,
    orderViolations,
    async waitFor(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (failed) throw failed;
        if (Date.now() > deadline) {
          throw new Error(
            `subscription delivered ${received.length} of ${count} events within ${timeoutMs} ms`,
          );
        }
        await delay(5);
      }
    },
    async stop() {
      controller.abort();
      await within(running, 5000);
      if (failed) throw failed;
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Fails instead of hanging when an iteration does not end. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
