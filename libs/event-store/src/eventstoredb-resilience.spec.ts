import { randomUUID } from 'node:crypto';
import { AccessDeniedError, CancelledError } from '@kurrent/kurrentdb-client';
import { verifyLog } from './audit';
import { StreamDeletedError } from './event-store.errors';
import type { EventToAppend, RecordedEvent } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { chained } from './hash-chain/index';
import { notLeader, ScriptedEventStoreDbClient, unavailable } from './testing/scripted-eventstoredb-client';

/**
 * What only a cluster in trouble shows: dropped and ended subscriptions, leader changes, replies lost, deleted
 * streams, a close under load. No EventStoreDB server can run where these tests run, so the client's streaming
 * interface is scripted here; this is the one place a stand-in is used. Everything a server can show is in the
 * contract suite, which runs against a real server whenever EVENTSTORE_CONNECTION_STRING is set.
 */

const FAST = { baseDelayMs: 1, maxDelayMs: 5 };

function event(data: unknown = { n: Math.random() }): EventToAppend {
  return {
    id: randomUUID(),
    type: 'Tested',
    data,
    metadata: {
      actor: 'clerk.xichuan',
      role: 'clerk',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: '2015-10-20T02:00:00.000Z',
    },
  };
}

function setUp() {
  const client = new ScriptedEventStoreDbClient();
  const adapter = new EventStoreDbEventStore({ client, resubscribe: FAST });
  return { client, adapter, store: chained(adapter) };
}

/** Follows the log from `after` until stopped, as the projector does. */
function follow(store: EventStoreDbEventStore | ReturnType<typeof chained>) {
  const controller = new AbortController();
  const received: RecordedEvent[] = [];
  let failed: unknown;
  const running = (async () => {
    for await (const e of store.subscribeToAll({ signal: controller.signal })) received.push(e);
  })().catch((error: unknown) => {
    failed = error;
  });
  return {
    received,
    get failed() {
      return failed;
    },
    running,
    async stop() {
      controller.abort();
      await running;
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('EventStoreDbEventStore against a scripted client', () => {
  describe('subscriptions', () => {
    it('comes back after an error, a silent end and a refused resubscription, with no gap and no duplicate', async () => {
      const { client, store } = setUp();
      const written = [event(), event(), event()];
      await store.append('office-1', written, { expectedRevision: 'no_stream' });
      client
        .dropNextSubscription(1, unavailable()) // a restart: the call fails
        .dropNextSubscription(1) // a keep-alive timeout or a server-side cancel: the call just ends
        .failNext('subscribeToAll', notLeader()); // an election under way
      const sub = follow(store);
      try {
        await until(() => sub.received.length === 3);
        const live = event();
        await store.append('office-1', [live], { expectedRevision: 2n });
        await until(() => sub.received.length === 4);
        expect(sub.received.map((e) => e.id)).toEqual([...written, live].map((e) => e.id));
        expect(client.subscriptionsOpened).toBe(4);
        // Each time from the last event delivered, never from the start again.
        expect(client.subscribedFrom.slice(2, 4)).toEqual([
          sub.received[0]!.position,
          sub.received[1]!.position,
        ]);
        expect(sub.failed).toBeUndefined();
      } finally {
        await sub.stop();
      }
    });

    it('keeps following across ten drops while events keep coming, with no gap and no duplicate', async () => {
      const { client, store } = setUp();
      for (let i = 0; i < 10; i++) client.dropNextSubscription(3, i % 2 === 0 ? unavailable() : undefined);
      const sub = follow(store);
      const written: string[] = [];
      try {
        let revision: bigint | 'no_stream' = 'no_stream';
        for (let i = 0; i < 50; i++) {
          const next = event();
          written.push(next.id);
          revision = (await store.append('campaign', [next], { expectedRevision: revision }))
            .nextExpectedRevision;
          if (i % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
        }
        await until(() => sub.received.length >= 50);
        await new Promise((resolve) => setTimeout(resolve, 20)); // a duplicate would arrive now
        expect(sub.received.map((e) => e.id)).toEqual(written);
        expect(client.subscriptionsOpened).toBe(11);
      } finally {
        await sub.stop();
      }
    });

    it('skips system events and ends only when asked: on abort, or when the store closes', async () => {
      const { client, adapter, store } = setUp();
      client.inject('$stats-127.0.0.1:2113', '$statsCollected', {});
      await store.append('office-2', [event()], { expectedRevision: 'no_stream' });
      const sub = follow(store);
      await until(() => sub.received.length === 1);
      await adapter.close();
      await expect(sub.running).resolves.toBeUndefined();
      expect(sub.received.map((e) => e.streamId)).toEqual(['office-2']);
    });

    it('ends with the error when the server refuses the subscription for good (access denied)', async () => {
      const { client, store } = setUp();
      client.failNext('subscribeToAll', new AccessDeniedError(undefined, 'access denied'));
      const sub = follow(store);
      await sub.running;
      expect(sub.failed).toBeInstanceOf(AccessDeniedError);
      expect(client.subscriptionsOpened).toBe(1);
    });
  });

  describe('a leader change', () => {
    it('sends appends and the reads before them to the leader', async () => {
      const { client, store } = setUp();
      await store.append('office-3', [event()], { expectedRevision: 'no_stream' });
      await store.append('office-3', [event()], { expectedRevision: 'any' });
      await store.readStream('office-3');
      const leaderCalls = client.calls.filter((c) => c.method !== 'readAll' && c.method !== 'subscribeToAll');
      expect(leaderCalls.length).toBeGreaterThan(3);
      for (const call of leaderCalls) expect(call).toMatchObject({ options: { requiresLeader: true } });
    });

    it('tries an append once more when the node is no longer the leader, and writes it once', async () => {
      const { client, store } = setUp();
      client.failNext('appendToStream', notLeader());
      const result = await store.append('office-4', [event()], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
      expect(client.stored('office-4')).toHaveLength(1);
      client.failNext('readStream', notLeader());
      expect(await store.readStream('office-4')).toHaveLength(1);
    });

    it('gives up after that one more try', async () => {
      const { client, store } = setUp();
      client.failNext('appendToStream', notLeader()).failNext('appendToStream', notLeader());
      await expect(
        store.append('office-5', [event()], { expectedRevision: 'no_stream' }),
      ).rejects.toMatchObject({
        type: 'not-leader',
      });
      expect(client.stored('office-5')).toHaveLength(0);
    });

    it('answers an append whose reply was lost after the write with its result, without writing it twice', async () => {
      const { client, store } = setUp();
      await store.append('office-6', [event()], { expectedRevision: 'no_stream' });
      client.failNext('appendToStream', unavailable(), { afterWrite: true });
      const batch = [event(), event()];
      const result = await store.append('office-6', batch, { expectedRevision: 0n });
      expect(result.nextExpectedRevision).toBe(2n);
      expect(
        client
          .stored('office-6')
          .map((e) => e.id)
          .slice(1),
      ).toEqual(batch.map((e) => e.id));
      expect(await store.append('office-6', batch, { expectedRevision: 'any' })).toEqual(result);
      expect(client.stored('office-6')).toHaveLength(3);
    });
  });

  describe('deleted streams', () => {
    it('refuses to append to a soft-deleted stream, so that its chain is never restarted', async () => {
      const { client, store } = setUp();
      await store.append('office-7', [event(), event()], { expectedRevision: 'no_stream' });
      client.deleteStream('office-7');

      expect(await store.readStream('office-7')).toEqual([]);
      const refused = await store.append('office-7', [event()], { expectedRevision: 'any' }).catch((e) => e);
      expect(refused).toBeInstanceOf(StreamDeletedError);
      expect(refused).toMatchObject({ streamId: 'office-7', permanently: false });
      expect(client.stored('office-7')).toHaveLength(2);
      const report = await verifyLog(store);
      expect(report).toMatchObject({ intact: true });
    });

    it('answers a tombstoned stream with the port error, on reads and appends', async () => {
      const { client, store } = setUp();
      await store.append('office-8', [event()], { expectedRevision: 'no_stream' });
      client.tombstoneStream('office-8');
      await expect(store.readStream('office-8')).rejects.toMatchObject({
        name: 'StreamDeletedError',
        permanently: true,
      });
      await expect(store.append('office-8', [event()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        StreamDeletedError,
      );
    });
  });

  describe('what is refused before it is sent', () => {
    it('refuses data that is not JSON without calling the client', async () => {
      const { client, adapter } = setUp();
      for (const data of [undefined, () => 1, { amount: 1n }, { nested: [Number.NaN] }]) {
        await expect(
          adapter.append('office-9', [{ ...event(), data }], { expectedRevision: 'any' }),
        ).rejects.toThrow(TypeError);
      }
      expect(client.calls).toEqual([]);
    });

    it('stores ids in one form, so that a retry in another form is still recognised', async () => {
      const { client, store } = setUp();
      const id = randomUUID();
      const first = await store.append('office-10', [{ ...event(), id: id.toUpperCase() }], {
        expectedRevision: 'no_stream',
      });
      const again = await store.append('office-10', [{ ...event(), id: id.replaceAll('-', '') }], {
        expectedRevision: 'any',
      });
      expect(again).toEqual(first);
      expect(client.stored('office-10').map((e) => e.id)).toEqual([id]);
      expect(await verifyLog(store)).toMatchObject({ intact: true });
    });
  });

  describe('round trips', () => {
    it('a command (read the stream, append at the revision read) appends in one call; a new stream in two', async () => {
      const { client, store } = setUp();
      const calls = () => client.calls.filter((c) => c.method !== 'readAll').length;
      let before = calls();
      await store.append('office-12', [event()], { expectedRevision: 'no_stream' });
      expect(calls() - before).toBe(2); // was it deleted? then the write

      const read = await store.readStream('office-12');
      before = calls();
      const batch = [event()];
      const written = await store.append('office-12', batch, { expectedRevision: BigInt(read.length - 1) });
      expect(calls() - before).toBe(1);
      // A retry of it after another read is still recognised: its ids are among those read.
      const again = await store.readStream('office-12');
      expect(
        await store.append('office-12', batch, { expectedRevision: again[again.length - 1]!.revision }),
      ).toEqual(written);
      expect(client.stored('office-12')).toHaveLength(2);
    });
  });

  describe('close', () => {
    it('lets an append under way finish before it disposes the client', async () => {
      const client = new ScriptedEventStoreDbClient();
      const owned = new EventStoreDbEventStore({ client, disposeClient: true, resubscribe: FAST });
      client.appendDelayMs = 30;
      const pending = owned.append('office-11', [event()], { expectedRevision: 'no_stream' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await owned.close();
      await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0n });
      expect(client.stored('office-11')).toHaveLength(1);
      expect(client.disposed).toBe(true);
      await expect(owned.append('office-11', [event()], { expectedRevision: 0n })).rejects.toThrow(/closed/);
      // The client refuses what comes after its disposal; nothing was left to it.
      await expect(client.appendToStream('x', [], { streamState: 'any' })).rejects.toBeInstanceOf(
        CancelledError,
      );
    });
  });
});
