import { randomUUID } from 'node:crypto';
import { delay, event, events, stream } from './event-store.support.contract';
import { MAX_APPEND_BYTES } from './event-store.constants';
import { AppendTooLargeError, EventIdConflictError, StreamDeletedError } from './event-store.errors';
import {
  comparePositions,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type Position,
  type RecordedEvent,
} from './event-store.port';

/** What an adapter can do for the cases below beyond the port; each case that needs one is skipped without it. */
export interface ProductionContractHooks {
  /** Soft-deletes a stream the way its server does (EventStoreDB's `deleteStream`). */
  softDelete?: (streamId: string) => Promise<void>;
  /** Cuts the connections live subscriptions use, as a server restart or a network failure would. */
  interruptSubscriptions?: () => Promise<void> | void;
}

/**
 * The cases production taught (retries by id whatever the expected revision, payloads and names refused before
 * anything is written, one id form, the append size limit, deleted streams, subscriptions across dropped
 * connections, close under load). Called inside `eventStoreContract`, with the store of the test running.
 */
export function productionContract(
  current: () => EventStore,
  hooks: ProductionContractHooks,
  deliveryTimeoutMs: number,
): void {
  describe('retries, whatever the expected revision', () => {
    const retried = [
      { title: "'any'", expected: () => 'any' as const },
      { title: "'stream_exists'", expected: () => 'stream_exists' as const },
      { title: 'the revision the first attempt returned', expected: (returned: bigint) => returned },
    ];
    for (const { title, expected } of retried) {
      it(`a retry with ${title} returns the original result and writes nothing`, async () => {
        const store = current();
        const streamId = stream('retry-named');
        const batch = events(2);
        const original = await store.append(streamId, batch, { expectedRevision: 'no_stream' });

        const again = await store.append(streamId, batch, {
          expectedRevision: expected(original.nextExpectedRevision),
        });

        expect(again).toEqual(original);
        expect((await store.readStream(streamId)).map((e) => e.id)).toEqual(batch.map((e) => e.id));
      });
    }

    it("a retry with 'any' after later appends is still recognised", async () => {
      const store = current();
      const streamId = stream('retry-later');
      const [a, b] = events(2) as [EventToAppend, EventToAppend];
      const first = await store.append(streamId, [a], { expectedRevision: 'no_stream' });
      await store.append(streamId, [b], { expectedRevision: 0n });

      expect(await store.append(streamId, [a], { expectedRevision: 'any' })).toEqual(first);
      expect((await store.readStream(streamId)).map((e) => e.id)).toEqual([a.id, b.id]);
    });

    it('compares every id of a retried batch, not only the first', async () => {
      const store = current();
      const streamId = stream('retry-partial');
      const [a, b] = events(2) as [EventToAppend, EventToAppend];
      await store.append(streamId, [a, b], { expectedRevision: 'no_stream' });

      for (const expectedRevision of ['any', 1n, 'no_stream'] as const) {
        await expect(store.append(streamId, [a, event()], { expectedRevision })).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
      }
      await expect(store.append(streamId, [event(), b], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        EventIdConflictError,
      );
      expect(await store.readStream(streamId)).toHaveLength(2);
    });
  });

  describe('what every store refuses before writing anything', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const notJson: [string, unknown][] = [
      ['undefined', undefined],
      ['a function', () => 1],
      ['a function inside an object', { apply: () => 1 }],
      ['a BigInt', { amount: 1n }],
      ['NaN', { ratio: Number.NaN }],
      ['an infinity inside an array', [Number.POSITIVE_INFINITY]],
      ['an object that contains itself', cyclic],
    ];
    for (const [title, data] of notJson) {
      it(`refuses ${title} as data with a TypeError`, async () => {
        const store = current();
        const streamId = stream('not-json');
        await expect(
          store.append(streamId, [{ ...event(), data }], { expectedRevision: 'any' }),
        ).rejects.toBeInstanceOf(TypeError);
        expect(await store.readStream(streamId)).toEqual([]);
      });
    }

    it('refuses metadata that is not JSON', async () => {
      const store = current();
      const streamId = stream('not-json-metadata');
      const metadata = { ...event().metadata, extra: () => 1 } as EventMetadata;
      await expect(
        store.append(streamId, [{ ...event(), metadata }], { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(TypeError);
      expect(await store.readStream(streamId)).toEqual([]);
    });

    it("refuses stream ids and event types beginning with '$', which the log leaves out", async () => {
      const store = current();
      const streamId = stream('dollar');
      await expect(
        store.append(`$${streamId}`, [event()], { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(TypeError);
      await expect(
        store.append(streamId, [{ ...event(), type: '$Tested' }], { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(TypeError);
      expect(await store.readStream(streamId)).toEqual([]);
      expect(await store.readStream(`$${streamId}`)).toEqual([]);
    });

    it('refuses an id that is not a UUID, and stores every UUID lower case and dashed', async () => {
      const store = current();
      const streamId = stream('ids');
      await expect(
        store.append(streamId, [{ ...event(), id: 'order-17' }], { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(TypeError);

      const [upper, undashed] = [randomUUID(), randomUUID()];
      const first = await store.append(
        streamId,
        [
          { ...event(), id: upper.toUpperCase() },
          { ...event(), id: undashed.replaceAll('-', '') },
        ],
        { expectedRevision: 'no_stream' },
      );
      expect((await store.readStream(streamId)).map((e) => e.id)).toEqual([upper, undashed]);
      // A retry in yet another form is the same append.
      const again = await store.append(
        streamId,
        [
          { ...event(), id: upper.replaceAll('-', '') },
          { ...event(), id: undashed.toUpperCase() },
        ],
        { expectedRevision: 'any' },
      );
      expect(again).toEqual(first);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it(`refuses an append larger than ${MAX_APPEND_BYTES} bytes, and takes one below it`, async () => {
      const store = current();
      const streamId = stream('size');
      const tooLarge = [
        event('Large', { text: 'x'.repeat(MAX_APPEND_BYTES / 2) }),
        event('Large', { text: 'y'.repeat(MAX_APPEND_BYTES / 2) }),
      ];
      const error = await store.append(streamId, tooLarge, { expectedRevision: 'no_stream' }).catch((e) => e);
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect(error).toMatchObject({ limit: MAX_APPEND_BYTES });
      expect(await store.readStream(streamId)).toEqual([]);

      const large = Array.from({ length: 4 }, () =>
        event('Large', { text: 'z'.repeat(MAX_APPEND_BYTES / 8) }),
      );
      await store.append(streamId, large, { expectedRevision: 'no_stream' });
      expect(await store.readStream(streamId)).toHaveLength(4);
    });
  });

  // Only a store that can delete a stream (EventStoreDB) has this case; the others have no such operation.
  const softDelete = hooks.softDelete;
  if (softDelete) {
    describe('deleted streams', () => {
      it('keeps the chain of a soft-deleted stream: appending to it is refused, nothing restarts at revision 0', async () => {
        const store = current();
        const streamId = stream('deleted');
        await store.append(streamId, events(2), { expectedRevision: 'no_stream' });
        await softDelete(streamId);
        const head = await store.headPosition();

        for (const expectedRevision of ['no_stream', 'any', 1n] as const) {
          const refused = event();
          await expect(store.append(streamId, [refused], { expectedRevision })).rejects.toBeInstanceOf(
            StreamDeletedError,
          );
        }
        const after = await store.readAll(head ? { after: head, maxCount: 1000 } : { maxCount: 1000 });
        expect(after.filter((e) => e.streamId === streamId)).toEqual([]);
      });
    });
  }

  describe('subscriptions across dropped connections', () => {
    it('delivers every event once and in order while connections drop', async () => {
      const store = current();
      const streams = [stream('drop-a'), stream('drop-b')];
      const head = await store.headPosition();
      const controller = new AbortController();
      const received: RecordedEvent[] = [];
      let last: Position | undefined;
      const outOfOrder: string[] = [];
      const running = (async () => {
        for await (const e of store.subscribeToAll({
          ...(head ? { after: head } : {}),
          signal: controller.signal,
        })) {
          if (last && comparePositions(last, e.position) >= 0) outOfOrder.push(e.id);
          last = e.position;
          if (streams.includes(e.streamId)) received.push(e);
        }
      })();
      const written: string[] = [];
      try {
        for (let round = 0; round < 10; round++) {
          for (const streamId of streams) {
            const batch = events(2);
            await store.append(streamId, batch, { expectedRevision: 'any' });
            written.push(...batch.map((e) => e.id));
          }
          await hooks.interruptSubscriptions?.();
        }
        const deadline = Date.now() + deliveryTimeoutMs;
        while (received.length < written.length && Date.now() < deadline) await delay(10);
        await delay(50); // a duplicate would arrive now
        expect(received.map((e) => e.id)).toEqual(written);
        expect(outOfOrder).toEqual([]);
      } finally {
        controller.abort();
        await running;
      }
    });
  });

  describe('close', () => {
    it('lets appends under way finish rather than fail them', async () => {
      const store = current();
      const streamId = stream('closing');
      const pending = [
        store.append(streamId, [event()], { expectedRevision: 'no_stream' }),
        store.append(stream('closing-other'), [event()], { expectedRevision: 'no_stream' }),
      ];
      await store.close();
      const settled = await Promise.allSettled(pending);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
    });
  });
}
