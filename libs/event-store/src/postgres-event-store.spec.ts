import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventStoreContract } from './event-store.contract';
import { EventIdConflictError, EventStoreClosedError } from './event-store.errors';
import { WrongExpectedRevisionError, type EventToAppend, type RecordedEvent } from './event-store.port';
import { chained } from './hash-chain/index';
import { MAX_APPEND_BYTES } from './event-store.constants';
import { AppendTooLargeError } from './event-store.errors';
import { PostgresEventStore } from './postgres-event-store';
import { POSTGRES_EVENT_STORE_VERSION } from './postgres-schema';
import { postgresTestUrl, testSchemas } from './postgres-test-support';

if (postgresTestUrl) {
  const url = postgresTestUrl;
  const schemas = testSchemas(url);
  afterAll(() => schemas.dropAll());

  const open = (schema = schemas.next()) =>
    new PostgresEventStore({ connectionString: url, schema, pollIntervalMs: 20, maxConnections: 4 }).open();

  eventStoreContract('PostgresEventStore under the hash chain', async () => chained(await open()), {
    isolated: true,
  });

  describe('PostgresEventStore', () => {
    let store: PostgresEventStore;

    beforeEach(async () => {
      store = await open();
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
        expect(results.every((r) => r.nextExpectedRevision === 0n && r.written === true)).toBe(true);
        expect(new Set(results.map((r) => r.position.commit)).size).toBe(200);
        expect(await store.readAll()).toHaveLength(200);
      });

      it('rejects only the failing appends of a batch, and writes the others', async () => {
        const existing = event();
        await store.append('existing', [existing], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled([
          store.append('existing', [event()], { expectedRevision: 'no_stream' }),
          store.append('fresh', [event(), event()], { expectedRevision: 'no_stream' }),
          store.append('elsewhere', [existing], { expectedRevision: 'any' }),
          store.append('existing', [existing], { expectedRevision: 'stream_exists' }),
        ]);

        expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
        expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(EventIdConflictError);
        expect((outcomes[3] as PromiseFulfilledResult<unknown>).value).toMatchObject({ written: false });
        expect((await store.readAll()).map((e) => e.streamId)).toEqual(['existing', 'fresh', 'fresh']);
      });
    });

    describe('retries and refusals', () => {
      it('recognises a retry by its ids whatever revision it expects, and writes nothing', async () => {
        const batch = [event(), event()];
        const original = await store.append('s', batch, { expectedRevision: 'no_stream' });
        await store.append('s', [event()], { expectedRevision: 1n });
        for (const expectedRevision of ['any', 'stream_exists', 'no_stream', 1n, 7n] as const) {
          expect(await store.append('s', batch, { expectedRevision })).toEqual({
            ...original,
            written: false,
          });
        }
        expect(await store.readStream('s')).toHaveLength(3);
      });

      it('refuses an id stored elsewhere in the stream or twice in one append', async () => {
        const [a, b] = [event(), event()];
        await store.append('s', [a, b], { expectedRevision: 'no_stream' });
        await expect(store.append('s', [event(), b], { expectedRevision: 'any' })).rejects.toThrow(
          /already stored in stream s at revision 1/,
        );
        await expect(store.append('s', [b, a], { expectedRevision: 'any' })).rejects.toThrow(
          EventIdConflictError,
        );
        const twice = event();
        await expect(store.append('t', [twice, twice], { expectedRevision: 'any' })).rejects.toThrow(
          /appears twice/,
        );
        expect(await store.readAll()).toHaveLength(2);
      });

      it('refuses, before writing anything, what it cannot store faithfully', async () => {
        const refusals: [string, EventToAppend[], ErrorClass][] = [
          ['$reserved', [event()], TypeError],
          ['s', [{ ...event(), type: '$Reserved' }], TypeError],
          ['s', [{ ...event(), data: undefined }], TypeError],
          ['s', [{ ...event(), data: () => 1 }], TypeError],
          ['s', [{ ...event(), data: { text: 'x'.repeat(MAX_APPEND_BYTES) } }], AppendTooLargeError],
        ];
        for (const [streamId, events, kind] of refusals) {
          await expect(store.append(streamId, events, { expectedRevision: 'any' })).rejects.toThrow(kind);
        }
        expect(await store.headPosition()).toBeUndefined();
      });
    });

    describe('close', () => {
      it('writes the appends already asked for before closing', async () => {
        const pending = Array.from({ length: 20 }, (_, i) =>
          store.append(`closing-${i}`, [event()], { expectedRevision: 'no_stream' }),
        );
        await store.close();
        const results = await Promise.all(pending);
        expect(results.every((r) => r.written === true)).toBe(true);
        await expect(store.append('late', [event()], { expectedRevision: 'any' })).rejects.toThrow(
          EventStoreClosedError,
        );
      });
    });

    describe('live subscription', () => {
      it("is woken by another process's append, without waiting for a poll", async () => {
        const schema = schemas.next();
        const [writer, reader] = await Promise.all([
          open(schema),
          new PostgresEventStore({ connectionString: url, schema, pollIntervalMs: 60_000 }).open(),
        ]);
        const controller = new AbortController();
        const delivered: RecordedEvent[] = [];
        const subscription = (async () => {
          for await (const e of reader.subscribeToAll({ signal: controller.signal })) delivered.push(e);
        })();
        try {
          await delay(200); // caught up (nothing), listening and waiting
          const written = event();
          await writer.append('announced', [written], { expectedRevision: 'no_stream' });
          await waitUntil(() => delivered.length > 0, 5000);
          expect(delivered.map((e) => e.id)).toEqual([written.id]);
        } finally {
          controller.abort();
          await subscription;
          await Promise.all([writer.close(), reader.close()]);
        }
      });
    });

    describe('schema', () => {
      it('is created by a later operation when the first attempt failed', async () => {
        const schema = schemas.next();
        const admin = new Client({ connectionString: url });
        await admin.connect();
        try {
          // A version table of the wrong shape makes the migration fail until it is gone.
          await admin.query(`CREATE SCHEMA ${schema}`);
          await admin.query(`CREATE TABLE ${schema}.event_store_schema (id int)`);
          const late = new PostgresEventStore({ connectionString: url, schema });
          try {
            await expect(late.headPosition()).rejects.toThrow(/version/);
            await admin.query(`DROP TABLE ${schema}.event_store_schema`);
            expect(await late.headPosition()).toBeUndefined();
            await late.append('s', [event()], { expectedRevision: 'no_stream' });
            expect(await late.readStream('s')).toHaveLength(1);
          } finally {
            await late.close();
          }
        } finally {
          await admin.end();
        }
      });

      it('is created once however many stores open it at the same time, and refuses a newer one', async () => {
        const schema = schemas.next();
        const stores = await Promise.all(Array.from({ length: 4 }, () => open(schema)));
        await Promise.all(
          stores.map((s, i) => s.append(`s-${i}`, [event()], { expectedRevision: 'no_stream' })),
        );
        expect(await stores[0]!.readAll()).toHaveLength(4);
        await stores[0]!.pool.query(`UPDATE ${schema}.event_store_schema SET version = version + 1`);
        await Promise.all(stores.map((s) => s.close()));
        await expect(open(schema)).rejects.toThrow(
          new RegExp(`version ${POSTGRES_EVENT_STORE_VERSION + 1}, newer than`),
        );
      });
    });
  });

  /**
   * The trap of a position taken from a sequence: a transaction takes a number, another takes the next number and
   * commits, a subscriber reads past it, and only then does the first commit. The subscriber never reads it.
   */
  describe('a transaction that commits late', () => {
    it('is skipped for ever by a subscriber of a bare sequence (the trap)', async () => {
      const schema = schemas.next();
      const [slow, fast, reader] = await connectAll(3, schema);
      try {
        await reader.query('CREATE TABLE naive (position bigserial PRIMARY KEY, event_id text NOT NULL)');
        await slow.query('BEGIN');
        await slow.query("INSERT INTO naive (event_id) VALUES ('slow')"); // takes position 1
        await fast.query("INSERT INTO naive (event_id) VALUES ('fast')"); // takes 2, commits
        const delivered: string[] = [];
        const cursor = await readNaive(reader, 0, delivered);
        await slow.query('COMMIT');
        expect(await readNaive(reader, cursor, delivered)).toBe(cursor);

        expect(delivered).toEqual(['fast']); // 'slow' is in the table, at a position behind the cursor
        expect((await reader.query('SELECT count(*)::int AS n FROM naive')).rows[0].n).toBe(2);
      } finally {
        await Promise.all([slow, fast, reader].map((c) => c.end()));
      }
    });

    it('is delivered, in position order, by the store: the next append waits for it to commit', async () => {
      const schema = schemas.next();
      const [writerA, writerB, subscriber] = await Promise.all([open(schema), open(schema), open(schema)]);
      const held = await writerA.pool.connect();
      const controller = new AbortController();
      const delivered: RecordedEvent[] = [];
      const subscription = (async () => {
        for await (const e of subscriber.subscribeToAll({ signal: controller.signal })) delivered.push(e);
      })();
      try {
        // Another process's append, stopped between taking its position and committing.
        await held.query('BEGIN');
        const slow = event();
        await held.query(
          `SELECT * FROM append_events($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])`,
          [['slow'], ['no_stream'], [1], [slow.id], [slow.type], ['{}'], ['{}'], [new Date().toISOString()]],
        );
        const fast = event();
        let fastDone = false;
        const fastAppend = writerB.append('fast', [fast], { expectedRevision: 'no_stream' }).finally(() => {
          fastDone = true;
        });
        await delay(300);
        expect(fastDone).toBe(false); // it waits for the lock: it cannot take a position beyond the slow one yet
        expect(delivered).toEqual([]);

        await held.query('COMMIT');
        const fastResult = await fastAppend;
        await waitUntil(() => delivered.length >= 2);

        expect(delivered.map((e) => e.id)).toEqual([slow.id, fast.id]);
        expect(delivered[0]!.position.commit < fastResult.position.commit).toBe(true);
      } finally {
        held.release();
        controller.abort();
        await subscription;
        await Promise.all([writerA, writerB, subscriber].map((s) => s.close()));
      }
    });
  });
} else {
  describe('PostgresEventStore (EVENT_STORE_TEST_URL not set: no PostgreSQL configured, contract not run)', () => {
    it('refuses a schema name that is not a plain identifier, before connecting', () => {
      expect(
        () =>
          new PostgresEventStore({ connectionString: 'postgres://nobody@127.0.0.1:1/none', schema: 'x; --' }),
      ).toThrow(/invalid event store schema name/);
    });
  });
}

type ErrorClass = new (...args: never[]) => Error;

function event(type = 'Tested', data: unknown = { at: Date.now() }): EventToAppend {
  const id = randomUUID();
  return {
    id,
    type,
    data,
    metadata: {
      actor: 'test',
      role: 'clerk',
      correlationId: id,
      causationId: id,
      occurredAt: new Date().toISOString(),
    },
  };
}

async function connectAll(count: number, schema: string): Promise<Client[]> {
  const clients = Array.from(
    { length: count },
    () => new Client({ connectionString: postgresTestUrl, options: `-c search_path=${schema}` }),
  );
  await Promise.all(clients.map((c) => c.connect()));
  await clients[0]!.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  return clients;
}

/** A subscriber's read of a bare sequence: everything after the cursor, in position order. */
async function readNaive(reader: Client, after: number, into: string[]): Promise<number> {
  const { rows } = await reader.query<{ position: string; event_id: string }>(
    'SELECT position, event_id FROM naive WHERE position > $1 ORDER BY position',
    [after],
  );
  for (const row of rows) into.push(row.event_id);
  return rows.length > 0 ? Number(rows[rows.length - 1]!.position) : after;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await delay(10);
  }
}
