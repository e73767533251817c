import { randomUUID } from 'node:crypto';
import { CHAIN_VERSION, chainOf, eventHash, GENESIS } from './hash-chain/index';
import type { EventMetadata, EventStore } from './event-store.port';
import { event, readLogAfter, stream, subscribe } from './event-store.support.contract';

/** What a store keeps of an event: its payload exactly, and the hash chain's link over it. */
export function payloadContract(current: () => EventStore, deliveryTimeoutMs: number): void {
  let store: EventStore;
  beforeEach(() => {
    store = current();
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
      expect(eventHash(GENESIS, { ...first, recordedAt: new Date(first.recordedAt.getTime() + 1) })).not.toBe(
        chainOf(first)!.hash,
      );
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
}
