import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openReadStore } from './read-store';
import { everyReadModelContract } from './testing/every-read-model.contract';
import { TempFiles } from './testing/office-scenario';
import { readModelContract } from './testing/read-model.contract';

const files = new TempFiles();
afterAll(() => files.removeAll());

// SQLite: one temporary file for the suite; every connection the contract opens reaches it.
const sqliteFile = files.path('read-models');
readModelContract('SQLite', () => openReadStore({ kind: 'sqlite', filename: sqliteFile }));
everyReadModelContract('SQLite', () => openReadStore({ kind: 'sqlite', filename: sqliteFile }));

const postgresUrl = process.env.READ_STORE_TEST_URL;

if (postgresUrl) {
  // PostgreSQL: a fresh schema for the suite, dropped with everything in it afterwards.
  const schema = `read_models_test_${randomBytes(6).toString('hex')}`;
  const openPostgres = () => openReadStore({ kind: 'postgres', connectionString: postgresUrl, schema });
  readModelContract('PostgreSQL', openPostgres);
  everyReadModelContract('PostgreSQL', openPostgres);

  afterAll(async () => {
    const client = new Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });
} else {
  describe('read models: PostgreSQL (READ_STORE_TEST_URL not set: contract not run)', () => {
    it('refuses a schema name that is not a plain identifier, before connecting', async () => {
      await expect(
        openReadStore({
          kind: 'postgres',
          connectionString: 'postgres://nobody@127.0.0.1:1/none',
          schema: 'x; DROP TABLE offices',
        }),
      ).rejects.toThrow(/invalid read store schema name/);
    });
  });
}
