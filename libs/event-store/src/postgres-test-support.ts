import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL server the event store's tests use (EVENT_STORE_TEST_URL; CI sets it when one answers). Each suite
 * works in schemas of its own, dropped afterwards, so that parallel runs can share the server.
 */
export const postgresTestUrl = process.env.EVENT_STORE_TEST_URL;

export interface TestSchemas {
  /** A new schema name, dropped by `dropAll`. */
  next(): string;
  dropAll(): Promise<void>;
}

export function testSchemas(url: string, prefix = 'event_store_test'): TestSchemas {
  const made: string[] = [];
  const base = `${prefix}_${randomBytes(4).toString('hex')}`;
  return {
    next() {
      const schema = `${base}_${made.length}`;
      made.push(schema);
      return schema;
    },
    async dropAll() {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        for (const schema of made) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
