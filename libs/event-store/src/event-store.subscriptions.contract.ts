import {
  comparePositions,
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
} from './event-store.port';
import {
  delay,
  event,
  events,
  readLogAfter,
  stream,
  subscribe,
  within,
} from './event-store.support.contract';

/** Ordered catch-up then live delivery: the part of the contract that subscribers (the projector, the scheduler) rely on. */
export function subscriptionContract(current: () => EventStore, deliveryTimeoutMs: number): void {
  let store: EventStore;
  beforeEach(() => {
    store = current();
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
}
