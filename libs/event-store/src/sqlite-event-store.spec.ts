import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_READ_ALL_MAX_COUNT } from './event-store.constants';
import { eventStoreContract } from './event-store.contract';
import { EventIdConflictError } from './event-store.errors';
import { WrongExpectedRevisionError, type EventToAppend, type RecordedEvent } from './event-store.port';
import { chained } from './hash-chain/index';
import { SqliteEventStore } from './sqlite-event-store';

const files: string[] = [];

function tempFile(): string {
  const filename = join(tmpdir(), `event-store-${randomUUID()}.sqlite`);
  files.push(filename);
  return filename;
}

afterAll(() => {
  for (const file of files) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
});

eventStoreContract(
  'SqliteEventStore under the hash chain',
  async () => chained(new SqliteEventStore({ filename: tempFile(), pollIntervalMs: 20 })),
  {
    isolated: true,
  },
);

describe('SqliteEventStore', () => {
  let filename: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    filename = tempFile();
    store = new SqliteEventStore({ filename });
  });

  afterEach(async () => {
    await store.close();
  });

  describe('group commit', () => {
    it('commits appends issued together in one transaction', async () => {
      const before = store.commits;
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          store.append(`group-${i}`, [event()], { expectedRevision: 'no_stream' }),
        ),
      );

      expect(store.commits - before).toBe(1);
      expect(results.every((r) => r.nextExpectedRevision === 0n)).toBe(true);
      expect(new Set(results.map((r) => r.position.commit)).size).toBe(200);
      expect(await store.readAll()).toHaveLength(200);
    });

    it('splits a burst larger than one transaction into a few commits, in order', async () => {
      const before = store.commits;
      const results = await Promise.all(
        Array.from({ length: 2500 }, (_, i) =>
          store.append(`burst-${i % 10}`, [event()], { expectedRevision: 'any' }),
        ),
      );

      expect(store.commits - before).toBe(3);
      const positions = results.map((r) => r.position.commit);
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(positions).size).toBe(2500);
    });

    it('rejects only the failing append of a batch', async () => {
      const existing = event();
      await store.append('existing', [existing], { expectedRevision: 'no_stream' });
      const before = store.commits;
      const rejected = [event(), event()];

      const [first, failed, last] = await Promise.allSettled([
        store.append('fresh-1', [event()], { expectedRevision: 'no_stream' }),
        store.append('existing', rejected, { expectedRevision: 'no_stream' }),
        store.append('fresh-2', [event()], { expectedRevision: 'no_stream' }),
      ]);

      expect(store.commits - before).toBe(1);
      expect(first.status).toBe('fulfilled');
      expect(last.status).toBe('fulfilled');
      expect(failed.status).toBe('rejected');
      expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((failed as PromiseRejectedResult).reason).toMatchObject({ actual: 0n });
      expect((await store.readStream('existing')).map((e) => e.id)).toEqual([existing.id]);
      expect(await store.readStream('fresh-1')).toHaveLength(1);
      expect(await store.readStream('fresh-2')).toHaveLength(1);
      const ids = (await store.readAll()).map((e) => e.id);
      expect(ids).not.toContain(rejected[0]!.id);
      expect(ids).not.toContain(rejected[1]!.id);
    });

    it('applies appends to one stream in arrival order within a batch', async () => {
      const before = store.commits;
      const [a, b, c] = [event(), event(), event()];

      const results = await Promise.allSettled([
        store.append('ordered', [a], { expectedRevision: 'no_stream' }),
        store.append('ordered', [b], { expectedRevision: 0n }),
        store.append('ordered', [c], { expectedRevision: 0n }),
      ]);

      expect(store.commits - before).toBe(1);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ expected: 0n, actual: 1n });
      expect((await store.readStream('ordered')).map((e) => e.id)).toEqual([a.id, b.id]);
    });

    it('fails every append of a batch that cannot commit, and writes none of them', async () => {
      await store.close();
      store = new SqliteEventStore({ filename, busyTimeoutMs: 50 });
      const blocker = new Database(filename);
      blocker.exec('BEGIN IMMEDIATE');
      let results: PromiseSettledResult<unknown>[];
      try {
        results = await Promise.allSettled([
          store.append('blocked-1', [event()], { expectedRevision: 'no_stream' }),
          store.append('blocked-2', [event()], { expectedRevision: 'no_stream' }),
        ]);
      } finally {
        blocker.exec('ROLLBACK');
        blocker.close();
      }

      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(await store.readAll()).toEqual([]);
      expect(store.commits).toBe(0);
      await expect(
        store.append('blocked-1', [event()], { expectedRevision: 'no_stream' }),
      ).resolves.toBeDefined();
    });

    it('rejects a payload that is not JSON without touching the batch', async () => {
      const good = store.append('good', [event()], { expectedRevision: 'no_stream' });
      const bad = store.append('bad', [{ ...event(), data: { amount: 1n } }], {
        expectedRevision: 'no_stream',
      });

      await expect(bad).rejects.toThrow(TypeError);
      await expect(good).resolves.toMatchObject({ nextExpectedRevision: 0n });
      expect(await store.readStream('bad')).toEqual([]);
    });
  });

  describe('event ids', () => {
    it('rejects an id that is stored in another stream', async () => {
      const shared = event();
      await store.append('first', [shared], { expectedRevision: 'no_stream' });

      await expect(store.append('second', [shared], { expectedRevision: 'no_stream' })).rejects.toThrow(
        EventIdConflictError,
      );
      expect(await store.readStream('second')).toEqual([]);
    });

    it('rejects a retry whose events do not match the stored ones', async () => {
      const [a, b] = [event(), event()];
      await store.append('run', [a, b], { expectedRevision: 'no_stream' });

      await expect(store.append('run', [a, event()], { expectedRevision: 'no_stream' })).rejects.toThrow(
        EventIdConflictError,
      );
      await expect(store.append('run', [a, b, event()], { expectedRevision: 'no_stream' })).rejects.toThrow(
        EventIdConflictError,
      );
      expect(await store.readStream('run')).toHaveLength(2);
    });

    it('rejects a stored id later in an append, and a duplicated id, writing nothing', async () => {
      const stored = event();
      await store.append('holder', [stored], { expectedRevision: 'no_stream' });
      const repeated = event();

      const clash = await store
        .append('other', [event(), stored], { expectedRevision: 'any' })
        .catch((e) => e);
      const twice = await store
        .append('other', [repeated, repeated], { expectedRevision: 'any' })
        .catch((e) => e);

      expect(clash).toBeInstanceOf(EventIdConflictError);
      expect(clash).toMatchObject({ eventId: stored.id });
      expect(String(clash.message)).toContain('holder');
      expect(twice).toBeInstanceOf(EventIdConflictError);
      expect(twice).toMatchObject({ eventId: repeated.id });
      expect(await store.readStream('other')).toEqual([]);
    });
  });

  describe('what it stores', () => {
    it('stores events as given, with no chain link of its own', async () => {
      const given = event();
      await store.append('plain', [given], { expectedRevision: 'no_stream' });
      const [read] = await store.readStream('plain');
      expect(read!.metadata).toStrictEqual(given.metadata);
    });

    it('records the instant given with an event exactly, and its commit time otherwise', async () => {
      const given = new Date('2015-06-08T09:30:00.123Z');
      const before = Date.now();
      await store.append('instants', [{ ...event(), recordedAt: given }, event()], {
        expectedRevision: 'no_stream',
      });
      await store.append('instants', [event()], { expectedRevision: 'any' });
      const [first, second, third] = await store.readStream('instants');
      expect(first!.recordedAt).toEqual(given);
      expect(second!.recordedAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(third!.recordedAt.getTime()).toBeGreaterThanOrEqual(second!.recordedAt.getTime());
      const probe = new Database(filename, { readonly: true });
      try {
        expect(probe.prepare('SELECT recorded_at FROM events WHERE position = 1').pluck().get()).toBe(
          '2015-06-08T09:30:00.123Z',
        );
      } finally {
        probe.close();
      }
      await expect(
        store.append('instants', [{ ...event(), recordedAt: new Date('not a date') }], {
          expectedRevision: 'any',
        }),
      ).rejects.toThrow(TypeError);
    });

    it('says whether an append wrote, so that a retry is told apart from a write', async () => {
      const batch = [event(), event()];
      expect(await store.append('told', batch, { expectedRevision: 'no_stream' })).toMatchObject({
        nextExpectedRevision: 1n,
        written: true,
      });
      expect(await store.append('told', batch, { expectedRevision: 'no_stream' })).toMatchObject({
        nextExpectedRevision: 1n,
        written: false,
      });
      expect(await store.append('told', [], { expectedRevision: 'any' })).toMatchObject({ written: false });
    });
  });

  describe('reads', () => {
    it("reads a stream's last event, or nothing for a missing stream", async () => {
      const written = [event(), event(), event()];
      await store.append('last', written, { expectedRevision: 'no_stream' });
      const last = await store.readLastEvent('last');
      expect(last).toMatchObject({ id: written[2]!.id, revision: 2n, streamId: 'last' });
      expect(last).toEqual((await store.readStream('last'))[2]);
      expect(await store.readLastEvent('missing')).toBeUndefined();
    });

    it(`returns at most ${DEFAULT_READ_ALL_MAX_COUNT} events from readAll when maxCount is omitted`, async () => {
      const many = Array.from({ length: DEFAULT_READ_ALL_MAX_COUNT + 1 }, () => event());
      await store.append('many', many, { expectedRevision: 'no_stream' });

      const page = await store.readAll();
      expect(page).toHaveLength(DEFAULT_READ_ALL_MAX_COUNT);
      expect(await store.readAll({ after: page[page.length - 1]!.position })).toHaveLength(1);
      expect(await store.readStream('many')).toHaveLength(DEFAULT_READ_ALL_MAX_COUNT + 1);
    });

    it('uses commit === prepare === row position', async () => {
      const result = await store.append('positions', [event(), event()], { expectedRevision: 'no_stream' });
      const log = await store.readAll();
      expect(log.map((e) => e.position)).toEqual([
        { commit: 1n, prepare: 1n },
        { commit: 2n, prepare: 2n },
      ]);
      expect(result.position).toEqual({ commit: 2n, prepare: 2n });
    });
  });

  describe('subscriptions', () => {
    it('wakes on a local commit without waiting for the poll interval', async () => {
      await store.close();
      store = new SqliteEventStore({ filename, pollIntervalMs: 60_000 });
      const controller = new AbortController();
      const received: RecordedEvent[] = [];
      const iteration = (async () => {
        for await (const e of store.subscribeToAll({ signal: controller.signal })) received.push(e);
      })();
      await delay(20);
      const started = Date.now();
      await store.append('wake', [event()], { expectedRevision: 'no_stream' });
      await until(() => received.length === 1, 2000);
      expect(Date.now() - started).toBeLessThan(1000);
      controller.abort();
      await iteration;
    });

    it('sees events appended by another instance on the same file (polling)', async () => {
      const other = new SqliteEventStore({ filename, pollIntervalMs: 20 });
      const controller = new AbortController();
      const received: RecordedEvent[] = [];
      const iteration = (async () => {
        for await (const e of other.subscribeToAll({ signal: controller.signal })) received.push(e);
      })();
      try {
        const written: EventToAppend[] = [];
        for (let i = 0; i < 3; i++) {
          const next = event();
          written.push(next);
          await store.append('shared-file', [next], {
            expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1),
          });
          await delay(30);
        }
        // And the other way round: both instances write to the one log.
        const fromOther = event();
        await other.append('shared-file', [fromOther], { expectedRevision: 2n });
        written.push(fromOther);

        await until(() => received.length === 4, 5000);
        expect(received.map((e) => e.id)).toEqual(written.map((e) => e.id));
        expect(received.map((e) => e.position.commit)).toEqual([1n, 2n, 3n, 4n]);
        expect((await store.readStream('shared-file')).map((e) => e.id)).toEqual(written.map((e) => e.id));
      } finally {
        controller.abort();
        await iteration;
        await other.close();
      }
    });

    it('ends live subscriptions when the store closes', async () => {
      const received: RecordedEvent[] = [];
      const iteration = (async () => {
        for await (const e of store.subscribeToAll()) received.push(e);
      })();
      await store.append('closing', [event()], { expectedRevision: 'no_stream' });
      await until(() => received.length === 1, 2000);
      await store.close();
      await expect(iteration).resolves.toBeUndefined();
    });
  });

  describe('durability', () => {
    it('keeps events across close and reopen', async () => {
      const written = [event(), event()];
      const result = await store.append('durable', written, { expectedRevision: 'no_stream' });
      await store.close();

      store = new SqliteEventStore({ filename });
      const read = await store.readStream('durable');
      expect(read.map((e) => e.id)).toEqual(written.map((e) => e.id));
      expect(read[0]!.metadata).toEqual(written[0]!.metadata);
      expect(await store.headPosition()).toEqual(result.position);
      expect(await store.append('durable', [event()], { expectedRevision: 1n })).toMatchObject({
        nextExpectedRevision: 2n,
        position: { commit: 3n, prepare: 3n },
      });
    });

    it('close() writes appends that are still queued', async () => {
      const queued = event();
      const pending = store.append('queued', [queued], { expectedRevision: 'no_stream' });
      await store.close();
      await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0n });

      store = new SqliteEventStore({ filename });
      expect((await store.readStream('queued')).map((e) => e.id)).toEqual([queued.id]);
    });

    it('stores the log in WAL mode', async () => {
      await store.append('wal', [event()], { expectedRevision: 'no_stream' });
      const probe = new Database(filename, { readonly: true });
      try {
        expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        probe.close();
      }
    });
  });
});

function event(): EventToAppend {
  return {
    id: randomUUID(),
    type: 'Tested',
    data: { value: Math.random() },
    metadata: {
      actor: 'sqlite-spec',
      role: 'clerk',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: new Date().toISOString(),
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await delay(5);
  }
}
