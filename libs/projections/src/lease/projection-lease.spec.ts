import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { Client } from 'pg';
import type { RecordedEvent, SqliteEventStore } from '@liaison/event-store';
import type { Projection } from '../projection';
import { Projector } from '../projector';
import { openReadStore, type ReadDb, type ReadStore } from '../read-store';
import { openTempEventStore, TempFiles } from '../testing/office-scenario';
import { openProjectionLease, readProjectionLease, type ProjectionLeaseOptions } from './projection-lease';

const files = new TempFiles();
afterAll(() => files.removeAll());

/** Writes each event it applies into a table of its own, with the lease's epoch as its batch's transaction read it. */
class CommittingProjection implements Projection {
  readonly name = 'committing';

  async applyBatch(trx: Transaction<ReadDb>, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      // The primary key refuses an event applied twice.
      await sql`INSERT INTO lease_applied (event_id, epoch)
        SELECT ${event.id}, epoch FROM projection_lease WHERE id = 1`.execute(trx);
    }
  }
}

interface Applied {
  event_id: string;
  epoch: number;
}

const until = async (what: string, condition: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

function leaseContract(
  label: string,
  open: () => Promise<ReadStore>,
  kill: (store: ReadStore) => Promise<void>,
) {
  describe(`the projection lease: ${label}`, () => {
    let events: SqliteEventStore;
    const stores: ReadStore[] = [];
    const projectors: Projector[] = [];
    let appended: string[];

    async function connect(): Promise<ReadStore> {
      const store = await open();
      stores.push(store);
      return store;
    }

    async function projector(options: ProjectionLeaseOptions = {}) {
      const readStore = await connect();
      const lease = openProjectionLease(readStore, { pollMs: 50, ttlMs: 400, ...options });
      const terms: (number | undefined)[] = [];
      const created = new Projector(events, readStore, [new CommittingProjection()], {
        lease,
        onLease: (term) => terms.push(term?.epoch),
      });
      projectors.push(created);
      await created.start();
      return { projector: created, lease, terms };
    }

    async function append(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const id = randomUUID();
        appended.push(id);
        const metadata = {
          actor: 'lease-test',
          role: 'clerk',
          correlationId: id,
          causationId: id,
          occurredAt: new Date().toISOString(),
        };
        await events.append(`lease-test-${randomUUID()}`, [{ id, type: 'Noted', data: { i }, metadata }], {
          expectedRevision: 'no_stream',
        });
      }
    }

    async function applied(): Promise<Applied[]> {
      const { rows } = await sql<Applied>`SELECT event_id, epoch FROM lease_applied`.execute(stores[0]!.db);
      return rows.map((row) => ({ event_id: row.event_id, epoch: Number(row.epoch) }));
    }

    /** Every event appended, each once. */
    async function expectEachOnce(): Promise<Applied[]> {
      const rows = await applied();
      expect(rows.map((row) => row.event_id).sort()).toEqual([...appended].sort());
      return rows;
    }

    beforeEach(async () => {
      events = openTempEventStore(files);
      appended = [];
      const setup = await connect();
      await sql`DROP TABLE IF EXISTS lease_applied`.execute(setup.db);
      await sql`CREATE TABLE lease_applied (event_id text PRIMARY KEY, epoch integer NOT NULL)`.execute(
        setup.db,
      );
      await setup.db.deleteFrom('checkpoints').execute();
      await setup.db
        .updateTable('projection_lease')
        .set({ holder: null, since: null, expires_at: null, backend_pid: null, host: null })
        .execute();
    });

    afterEach(async () => {
      for (const running of projectors.splice(0)) await running.stop();
      for (const store of stores.splice(0)) await store.close();
      await events.close();
    });

    it('lets one projector apply at a time; the other answers waitFor from the stored checkpoint', async () => {
      const a = await projector();
      const b = await projector();
      await until('one holds the lease', () => a.projector.leading || b.projector.leading);
      await append(20);
      const head = (await events.headPosition())!;
      await Promise.all([a.projector.waitFor(head), b.projector.waitFor(head)]);
      expect([a.projector.leading, b.projector.leading].filter(Boolean)).toHaveLength(1);
      await expectEachOnce();
      const state = await readProjectionLease(stores[0]!);
      const holder = a.projector.leading ? a.lease.holder : b.lease.holder;
      expect(state).toMatchObject({ holder, live: true });
    });

    it('hands over when the holder dies: the standby takes it within seconds, nothing applied twice or skipped', async () => {
      // A holder that will never renew nor try again: as good as a killed process once its lease is gone.
      const a = await projector({ pollMs: 60_000, ttlMs: 60_000 });
      await until('a holds the lease', () => a.projector.leading);
      const b = await projector();
      await append(10);
      await b.projector.waitFor((await events.headPosition())!);
      const before = await readProjectionLease(stores[0]!);
      const started = Date.now();
      await kill(stores[0]!);
      // Events keep coming during the hand-over.
      await append(10);
      await until('b holds the lease', () => b.projector.leading, 5000);
      const tookMs = Date.now() - started;
      await append(10);
      await b.projector.waitFor((await events.headPosition())!);
      const rows = await expectEachOnce();
      const after = await readProjectionLease(stores[0]!);
      expect(after.epoch).toBeGreaterThan(before.epoch);
      expect(after.holder).toBe(b.lease.holder);
      // Whatever the dead holder's term applied, it applied before the hand-over.
      const late = rows.filter((row) => appended.indexOf(row.event_id) >= 20);
      expect(late.every((row) => row.epoch === after.epoch)).toBe(true);
      expect(tookMs).toBeLessThan(5000);
    });

    it('refuses the batch of a holder whose epoch is no longer the lease’s', async () => {
      const a = await projector();
      await until('a holds the lease', () => a.projector.leading);
      await append(3);
      await a.projector.waitFor((await events.headPosition())!);
      const first = a.terms[0]!;
      // Another holder took the lease meanwhile, as far as the read store is concerned.
      await stores[0]!.db
        .updateTable('projection_lease')
        .set((eb) => ({ epoch: eb('epoch', '+', 1) }))
        .execute();
      await append(3);
      await until('a gave the lease up', () => a.terms.includes(undefined));
      await a.projector.waitFor((await events.headPosition())!);
      const rows = await expectEachOnce();
      expect(rows.filter((row) => row.epoch === first)).toHaveLength(3);
      expect(rows.filter((row) => row.epoch === first + 1)).toHaveLength(0);
    });

    it('hands over at once when the holder stops', async () => {
      const a = await projector();
      await until('a holds the lease', () => a.projector.leading);
      const b = await projector();
      await a.projector.stop();
      await until('b holds the lease', () => b.projector.leading, 2000);
      await append(5);
      await b.projector.waitFor((await events.headPosition())!);
      await expectEachOnce();
    });
  });
}

// SQLite: a holder killed with -9 stops renewing and its lease expires; here its expiry is moved to the past.
const sqliteFile = files.path('lease-read-models');
leaseContract(
  'SQLite',
  () => openReadStore({ kind: 'sqlite', filename: sqliteFile }),
  async (store) => {
    await store.db
      .updateTable('projection_lease')
      .set({ expires_at: new Date(0).toISOString() })
      .execute();
  },
);

const postgresUrl = process.env.READ_STORE_TEST_URL;
if (postgresUrl) {
  const schema = `lease_test_${randomBytes(6).toString('hex')}`;
  leaseContract(
    'PostgreSQL',
    () => openReadStore({ kind: 'postgres', connectionString: postgresUrl, schema }),
    // The holder's lock connection ends as when its process is killed.
    async (store) => {
      await sql`SELECT pg_terminate_backend(backend_pid) FROM projection_lease WHERE id = 1`.execute(
        store.db,
      );
    },
  );
  describe('a PostgreSQL read store opened by several processes at once', () => {
    const fresh = `${schema}_open`;
    afterAll(async () => {
      const client = new Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${fresh} CASCADE`).finally(() => client.end());
    });

    it('migrates one at a time: every opening succeeds on a schema none had made', async () => {
      const opening = Array.from({ length: 4 }, () =>
        openReadStore({ kind: 'postgres', connectionString: postgresUrl, schema: fresh }),
      );
      const stores = await Promise.all(opening);
      try {
        const lease = await readProjectionLease(stores[0]!);
        expect(lease).toEqual({ holder: null, since: null, epoch: 0, live: false });
      } finally {
        for (const store of stores) await store.close();
      }
    });
  });

  afterAll(async () => {
    const client = new Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });
}
