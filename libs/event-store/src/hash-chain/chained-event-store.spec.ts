import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyLog } from '../audit';
import { EventStoreClosedError } from '../event-store.errors';
import { WrongExpectedRevisionError, type EventToAppend, type RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from '../sqlite-event-store';
import { chained, type ChainedEventStore } from './chained-event-store';
import { CHAIN_VERSION, chainOf, eventHash, GENESIS } from './links';

const files: string[] = [];

function tempFile(): string {
  const filename = join(tmpdir(), `chained-${randomUUID()}.sqlite`);
  files.push(filename);
  return filename;
}

afterAll(() => {
  for (const file of files) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
});

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

/** Every link of the stream names the one before it and hashes what is stored. */
function expectChained(events: RecordedEvent[]): void {
  let prev = GENESIS;
  events.forEach((e, index) => {
    expect(e.revision).toBe(BigInt(index));
    expect(chainOf(e)).toEqual({ v: CHAIN_VERSION, prev, hash: eventHash(prev, e) });
    prev = chainOf(e)!.hash;
  });
}

async function expectIntact(filename: string): Promise<void> {
  const store = new SqliteEventStore({ filename });
  try {
    const { intact, firstBroken } = await verifyLog(store);
    expect(firstBroken).toBeUndefined();
    expect(intact).toBe(true);
  } finally {
    await store.close();
  }
}

describe('ChainedEventStore', () => {
  let filename: string;
  let storage: SqliteEventStore;
  let store: ChainedEventStore<SqliteEventStore>;
  let clock: number;

  beforeEach(() => {
    filename = tempFile();
    clock = Date.parse('2015-06-08T00:00:00.000Z');
    storage = new SqliteEventStore({ filename, pollIntervalMs: 20 });
    store = chained(storage, { now: () => new Date((clock += 1000)) });
  });

  afterEach(async () => {
    await store.close();
  });

  it('links every append to the stream before it and records the instant it hashed', async () => {
    await store.append('office-1', [event(), event()], { expectedRevision: 'no_stream' });
    await store.append('office-1', [event()], { expectedRevision: 1n });
    await store.append('office-1', [event()], { expectedRevision: 'any' });
    await store.append('office-1', [event()], { expectedRevision: 'stream_exists' });

    const recorded = await store.readStream('office-1');
    expectChained(recorded);
    // One instant per append, the clock's, stored as it was hashed.
    expect(recorded.map((e) => e.recordedAt.toISOString())).toEqual([
      '2015-06-08T00:00:01.000Z',
      '2015-06-08T00:00:01.000Z',
      '2015-06-08T00:00:02.000Z',
      '2015-06-08T00:00:03.000Z',
      '2015-06-08T00:00:04.000Z',
    ]);
    await expectIntact(filename);
  });

  it('links without reading the stream while it knows the stream’s head', async () => {
    const readStream = jest.spyOn(storage, 'readStream');
    const readLastEvent = jest.spyOn(storage, 'readLastEvent');

    let revision = (await store.append('hot', [event()], { expectedRevision: 'no_stream' }))
      .nextExpectedRevision;
    for (let i = 0; i < 20; i++) {
      revision = (await store.append('hot', [event()], { expectedRevision: revision })).nextExpectedRevision;
    }
    for (let i = 0; i < 5; i++) await store.append('hot', [event()], { expectedRevision: 'any' });
    expect(readStream).not.toHaveBeenCalled();
    expect(readLastEvent).not.toHaveBeenCalled();

    // A stream it has not seen: one read of its last event, then none.
    const other = chained(new SqliteEventStore({ filename }));
    await other.append('hot', [event()], { expectedRevision: 'any' });
    await other.close();
    await store.append('cold', [event()], { expectedRevision: 'no_stream' });
    await store.readStream('cold');
    readStream.mockClear();
    await store.append('cold', [event()], { expectedRevision: 0n });
    expect(readStream).not.toHaveBeenCalled();
    expectChained(await store.readStream('hot'));
  });

  it('keeps a bounded number of stream heads, reading the last event of a stream it dropped', async () => {
    const small = chained(storage, { cacheSize: 2 });
    const readStream = jest.spyOn(storage, 'readStream');
    for (const s of ['a', 'b', 'c']) await small.append(s, [event()], { expectedRevision: 'no_stream' });
    await small.append('c', [event()], { expectedRevision: 0n });
    expect(readStream).not.toHaveBeenCalled();
    await small.append('a', [event()], { expectedRevision: 0n });
    expect(readStream).toHaveBeenCalledTimes(1);
    for (const s of ['a', 'b', 'c']) expectChained(await store.readStream(s));
  });

  it('stays linked under concurrent appends to one stream, from this process and another', async () => {
    const other = chained(new SqliteEventStore({ filename, busyTimeoutMs: 5000 }));
    try {
      await store.append('busy', [event()], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 30 }, (_, i) =>
          (i % 2 === 0 ? store : other).append('busy', [event(), event()], { expectedRevision: 'any' }),
        ),
        ...Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? other : store).append('busy', [event()], { expectedRevision: 'stream_exists' }),
        ),
        // Appends to other streams share the commits meanwhile.
        ...Array.from({ length: 20 }, (_, i) =>
          store.append(`calm-${i}`, [event()], { expectedRevision: 'no_stream' }),
        ),
      ]);
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const busy = await store.readStream('busy');
      expect(busy).toHaveLength(1 + 60 + 10);
      expectChained(busy);
    } finally {
      await other.close();
    }
    await expectIntact(filename);
  });

  it('refuses, rather than links wrongly, an append whose expected revision another writer has passed', async () => {
    const other = chained(new SqliteEventStore({ filename }));
    try {
      await store.append('race', [event()], { expectedRevision: 'no_stream' });
      await other.append('race', [event()], { expectedRevision: 0n });
      // This store still believes the stream ends at 0.
      const error = await store.append('race', [event()], { expectedRevision: 0n }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ expected: 0n, actual: 1n });
      // A head it has not seen yet is read, then linked to.
      await store.append('race', [event()], { expectedRevision: 1n });
      // With 'any', the stale head costs a retry, not a broken link.
      await other.append('race', [event()], { expectedRevision: 2n });
      await store.append('race', [event()], { expectedRevision: 'any' });
      expectChained(await store.readStream('race'));
      expect(await store.readStream('race')).toHaveLength(5);
    } finally {
      await other.close();
    }
    await expectIntact(filename);
  });

  it("backs off between the retries of an 'any' append that keeps meeting another writer", async () => {
    await store.append('contended', [event()], { expectedRevision: 'no_stream' });
    const append = storage.append.bind(storage);
    const attempts: number[] = [];
    // Another writer gets in first six times (as a follower's stale reads would make it seem).
    storage.append = async (streamId, events, options) => {
      attempts.push(performance.now());
      if (attempts.length <= 6) throw new WrongExpectedRevisionError(streamId, options.expectedRevision, 0n);
      return append(streamId, events, options);
    };

    await store.append('contended', [event()], { expectedRevision: 'any' });

    expect(attempts).toHaveLength(7);
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
    // Jittered, but at least half of a ceiling that doubles from 4 ms to 100 ms: no spinning.
    expect(gaps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60);
    expect(gaps[5]!).toBeGreaterThanOrEqual(30);
  });

  it('reports a revision the stream has not reached with the actual one, as the adapter would', async () => {
    await store.append('short', [event(), event()], { expectedRevision: 'no_stream' });
    await expect(store.append('short', [event()], { expectedRevision: 5n })).rejects.toMatchObject({
      expected: 5n,
      actual: 1n,
    });
    await expect(store.append('none', [event()], { expectedRevision: 0n })).rejects.toMatchObject({
      actual: 'no_stream',
    });
    await expect(store.append('none', [event()], { expectedRevision: 'stream_exists' })).rejects.toThrow(
      WrongExpectedRevisionError,
    );
    expect(await store.readStream('none')).toEqual([]);
    await expect(store.append('short', [event()], { expectedRevision: -1n })).rejects.toThrow(RangeError);
    await expect(
      store.append('short', [event()], { expectedRevision: 'latest' as unknown as bigint }),
    ).rejects.toThrow(RangeError);
  });

  describe('a retried append', () => {
    it('is a no-op with the original result, and the stream goes on from what is stored', async () => {
      const batch = [event(), event()];
      const original = await store.append('retry', batch, { expectedRevision: 'no_stream' });
      clock += 60_000; // the retry links with another recording instant: the stored links must win
      expect(await store.append('retry', batch, { expectedRevision: 'no_stream' })).toEqual(original);
      await store.append('retry', [event()], { expectedRevision: 1n });
      const recorded = await store.readStream('retry');
      expect(recorded.map((e) => e.id).slice(0, 2)).toEqual(batch.map((e) => e.id));
      expectChained(recorded);
    });

    it('made blind, on the revision it was first made on, does not leave a wrong head behind', async () => {
      await store.append('blind', [event()], { expectedRevision: 'no_stream' });
      const notice = event({ notice: 1 });
      const original = await store.append('blind', [notice], { expectedRevision: 0n });
      // Another process sees the stream as it was and makes the same append again (a job run twice).
      const other = chained(new SqliteEventStore({ filename }));
      try {
        await other.readStream('blind', { maxCount: 1 });
        expect(await other.append('blind', [notice], { expectedRevision: 0n })).toEqual(original);
        await other.append('blind', [event()], { expectedRevision: 1n });
        // And this one again, its head now stale.
        clock += 1000;
        expect(await store.append('blind', [notice], { expectedRevision: 0n })).toEqual(original);
        await store.append('blind', [event()], { expectedRevision: 'any' });
      } finally {
        await other.close();
      }
      const recorded = await store.readStream('blind');
      expect(recorded).toHaveLength(4);
      expectChained(recorded);
      await expectIntact(filename);
    });
  });

  it('fills its heads from reads that reach the end of a stream', async () => {
    const writer = chained(new SqliteEventStore({ filename }));
    await writer.append('read-first', [event(), event(), event()], { expectedRevision: 'no_stream' });
    await writer.close();
    const readStream = jest.spyOn(storage, 'readStream');
    await store.readStream('read-first');
    readStream.mockClear();
    await store.append('read-first', [event()], { expectedRevision: 2n });
    expect(readStream).not.toHaveBeenCalled();
    expectChained(await store.readStream('read-first'));
  });

  it('writes the appends already asked for on close, then refuses more', async () => {
    const pending = [
      store.append('closing', [event()], { expectedRevision: 'no_stream' }),
      store.append('closing', [event()], { expectedRevision: 'any' }),
      store.append('closing', [event()], { expectedRevision: 'any' }),
    ];
    await store.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(3);
    await expect(store.append('closing', [event()], { expectedRevision: 'any' })).rejects.toThrow(
      EventStoreClosedError,
    );
    const reopened = new SqliteEventStore({ filename });
    try {
      expectChained(await reopened.readStream('closing'));
    } finally {
      await reopened.close();
    }
  });
});
