import { EventStoreClosedError } from './event-store.errors';
import {
  event,
  events,
  expectStrictlyIncreasing,
  failure,
  readLogAfter,
  stream,
  summary,
} from './event-store.support.contract';
import { payloadContract } from './event-store.payloads.contract';
import { subscriptionContract } from './event-store.subscriptions.contract';
import { productionContract, type ProductionContractHooks } from './event-store.production.contract';
import {
  WrongExpectedRevisionError,
  comparePositions,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
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

    subscriptionContract(() => store, deliveryTimeoutMs);

    payloadContract(() => store, deliveryTimeoutMs);

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
