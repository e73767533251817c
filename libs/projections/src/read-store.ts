import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDialectConfig } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Pool } from 'pg';
import { campaignSchema, type CampaignTables } from './campaign/schema';
import { deadlineSchema, type DeadlineTables } from './deadlines/schema';
import { migrateLease, type LeaseTables } from './lease/lease-schema';
import type { PostgresConnection } from './lease/postgres-lease';
import { noticeSchema, type NoticeTables } from './notices/schema';
import { officeSchema, type OfficeTables } from './offices/schema';
import type { ReadModelSchema } from './read-model-schema';
import { taskSchema, type TaskTables } from './tasks/schema';
import { userSchema, type UserTables } from './users/schema';

/**
 * The row of the `checkpoints` table that says a rebuild of the read models is running: `position` names its
 * owner, `updated_at` is when it began. While it exists every live projector stands aside (applies nothing); once
 * it is gone they start again from the checkpoint the rebuild left. A rebuild that died (killed, machine lost)
 * leaves it behind and the read models stop following the log: `rebuild --force` takes it over, rebuilds and
 * removes it.
 */
export const REBUILD_LOCK = 'rebuild-lock';

export interface CheckpointRow {
  name: string;
  position: string;
  updated_at: string;
}

export interface CheckpointTables {
  checkpoints: CheckpointRow;
}

/**
 * The read store: each read model's own tables (its folder's `schema.ts`), and the checkpoints. Derived from the
 * event log; dropping them loses nothing (see `rebuild`).
 */
export type ReadDb = OfficeTables &
  TaskTables &
  CampaignTables &
  DeadlineTables &
  NoticeTables &
  UserTables &
  CheckpointTables &
  LeaseTables;

const READ_MODELS: readonly ReadModelSchema<ReadDb>[] = [
  officeSchema,
  taskSchema,
  campaignSchema,
  deadlineSchema,
  noticeSchema,
  userSchema,
];

/** The tables of the read models, emptied by a rebuild: every table but the checkpoints. */
const READ_MODEL_TABLES: readonly (keyof ReadDb)[] = READ_MODELS.flatMap((model) => model.tables);

export type ReadStoreConfig =
  { kind: 'sqlite'; filename: string } | { kind: 'postgres'; connectionString: string; schema?: string };

export type SqliteDatabase = Database.Database;
export type SqliteStatement = Database.Statement;

export interface ReadStore {
  db: Kysely<ReadDb>;
  kind: ReadStoreConfig['kind'];
  /** The SQLite connection under `db`, for hot paths that run prepared statements inside its transactions. */
  sqlite?: SqliteDatabase;
  /** The tables of the read models, emptied by a rebuild. */
  tables: readonly (keyof ReadDb)[];
  /** PostgreSQL: where to open a connection of one's own (the projection lease holds its lock on one). */
  connection?: PostgresConnection;
  close(): Promise<void>;
}

export async function openReadStore(config: ReadStoreConfig): Promise<ReadStore> {
  if (config.kind === 'sqlite') {
    if (config.filename !== ':memory:') mkdirSync(dirname(config.filename), { recursive: true });
    const database = new Database(config.filename);
    database.pragma('journal_mode = WAL');
    // The read store is rebuildable from the log, so it need not fsync every batch.
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<ReadDb>({ dialect: new SqliteDialect({ database: preparedOnce(database) }) });
    const store: ReadStore = {
      db,
      kind: 'sqlite',
      sqlite: database,
      tables: READ_MODEL_TABLES,
      close: () => db.destroy(),
    };
    await migrate(store);
    return store;
  }
  const schema = config.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid read store schema name ${schema}`);
  }
  // The search path is a connection option, so every pooled connection (the first one too) uses the schema.
  const pool = new Pool({
    connectionString: config.connectionString,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<ReadDb>({ dialect: new PostgresDialect({ pool }) });
  const store: ReadStore = {
    db,
    kind: 'postgres',
    tables: READ_MODEL_TABLES,
    connection: { connectionString: config.connectionString, ...(schema ? { schema } : {}) },
    close: () => db.destroy(),
  };
  // Several processes may start at once: one migrates at a time (IF NOT EXISTS alone races on the catalogue).
  const key = `liaison.read-store-migrate:${schema ?? ''}`;
  await db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(hashtext(${key}))`.execute(connection);
    try {
      if (schema) await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(connection);
      await migrate({ ...store, db: connection });
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext(${key}))`.execute(connection);
    }
  });
  return store;
}

/** How many distinct statements the SQLite read store keeps prepared (a list's filters make a few shapes each). */
const PREPARED_STATEMENTS = 500;

/**
 * Kysely's SQLite driver prepares every statement it runs, which costs more than running a short query; the read
 * store's statements repeat, so each SQL text is prepared once and kept (the least recently used dropped past the
 * bound). A kept statement still iterating a streamed result is not shared: that call prepares its own.
 */
function preparedOnce(
  database: SqliteDatabase,
): Extract<SqliteDialectConfig['database'], { prepare: unknown }> {
  const kept = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(text: string): SqliteStatement {
      const known = kept.get(text);
      if (known && !known.busy) {
        kept.delete(text);
        kept.set(text, known);
        return known;
      }
      const statement = database.prepare(text);
      if (!known) {
        kept.set(text, statement);
        if (kept.size > PREPARED_STATEMENTS) kept.delete(kept.keys().next().value!);
      }
      return statement;
    },
  };
}

/**
 * Runs each read model's migration, then the checkpoints'. A store written before a read model gained a table has
 * read models built without it (a projection that follows an office from its registration would not know the
 * offices registered before): they are emptied, so the projector builds them again from the start of the log.
 */
async function migrate(store: ReadStore): Promise<void> {
  const { db } = store;
  const existing = await tableNames(store);
  if (existing.has('checkpoints') && (await schemaVersion(store, existing)) < READ_MODEL_SCHEMA_VERSION) {
    // Built by an older release with tables of another shape: dropped, and built again from the log.
    for (const table of READ_MODEL_TABLES) await db.schema.dropTable(table).ifExists().execute();
    await db.deleteFrom('checkpoints').where('name', '!=', REBUILD_LOCK).execute();
    for (const table of READ_MODEL_TABLES) existing.delete(table);
  }
  await db.schema
    .createTable('read_model_schema')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`DELETE FROM read_model_schema`.execute(db);
  await sql`INSERT INTO read_model_schema (id, version) VALUES (1, ${READ_MODEL_SCHEMA_VERSION})`.execute(db);
  for (const model of READ_MODELS) await model.migrate(db);
  await db.schema
    .createTable('checkpoints')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await migrateLease(db);
  if (existing.has('checkpoints') && READ_MODEL_TABLES.some((table) => !existing.has(table))) {
    await resetReadModels(store);
  }
}

/**
 * Raised when a read model's table changes shape in a way `migrate` cannot make in place (a column that may now be
 * null): the read models of an older release are then dropped and built again from the log.
 * 2: due dates as recorded in the log, null where an older log recorded none. 3: the deadlines' change feed
 * (`changed_seq`, `previous_due_at`) gone: the scheduler follows the log. 4: ruling tasks (the tasks' `kind` and
 * `reasoning`, the deadlines' `task_kind`, the offices' ruling), which a store of an older shape lacks for the
 * offices registered before. 5: the tasks' `rule_id` (the inbox filters by the plan's rule).
 */
const READ_MODEL_SCHEMA_VERSION = 5;

async function schemaVersion(store: ReadStore, existing: ReadonlySet<string>): Promise<number> {
  if (!existing.has('read_model_schema')) return 1;
  const { rows } = await sql<{ version: number }>`SELECT version FROM read_model_schema`.execute(store.db);
  return Number(rows[0]?.version ?? 1);
}

async function tableNames(store: ReadStore): Promise<Set<string>> {
  const { rows } =
    store.kind === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(store.db)
      : await sql<{
          name: string;
        }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(
          store.db,
        );
  return new Set(rows.map((row) => row.name));
}

/**
 * Empties every read model and its checkpoint, in one transaction; a rebuild's lock stays. The checkpoints go
 * first: a projector's batch writes its checkpoint first too, so the two wait for each other rather than interleave
 * (PostgreSQL: the table lock also waits for a projector's first batch, which inserts its checkpoint).
 */
export async function resetReadModels(store: ReadStore): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    if (store.kind === 'postgres') await sql`LOCK TABLE checkpoints IN EXCLUSIVE MODE`.execute(trx);
    await trx.deleteFrom('checkpoints').where('name', '!=', REBUILD_LOCK).execute();
    for (const table of store.tables) await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
  });
}
