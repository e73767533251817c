import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Pool } from 'pg';

/**
 * The row of the `checkpoints` table that says a rebuild of the read models is running: `position` names its
 * owner, `updated_at` is when it began. While it exists every live projector stands aside (applies nothing); once
 * it is gone they start again from the checkpoint the rebuild left. A rebuild that died (killed, machine lost)
 * leaves it behind and the read models stop following the log: `rebuild --force` takes it over, rebuilds and
 * removes it.
 */
export const REBUILD_LOCK = 'rebuild-lock';

/** The read models. Derived from the event log; dropping them loses nothing (see `rebuild`). */
export interface ReadDb {
  offices: OfficeRow;
  tasks: TaskRow;
  deadlines: DeadlineRow;
  notices: NoticeRow;
  notice_reads: NoticeReadRow;
  campaign_phases: CampaignPhaseRow;
  unit_filings: UnitFilingRow;
  checkpoints: CheckpointRow;
}

/** The phases of the campaign launched, and when each ends. */
export interface CampaignPhaseRow {
  phase: string;
  campaign_id: string;
  due_at: string;
}

/** When a unit first filed its work plan and its summary (七). */
export interface UnitFilingRow {
  unit_id: string;
  work_plan_filed_at: string | null;
  work_summary_filed_at: string | null;
}

/** Something that must happen by a date, and how far up the escalation ladder its notices have gone. */
export interface DeadlineRow {
  /** `task.<officeId>.<revision>`, `work-plan.<unitId>`, …: also the suffix of its notices' stream. */
  deadline_id: string;
  kind: string;
  subject_id: string;
  office_id: string | null;
  /** The unit whose people must act: the task's jurisdiction, or the filing unit. */
  unit_id: string;
  title: string;
  tier: string | null;
  candidate_group: string | null;
  assignee: string | null;
  due_at: string;
  /** The due date before the last move, so the scheduler can drop what it set for it. */
  previous_due_at: string | null;
  /** pending, met (done in time or late) or cancelled (no longer asked for). */
  status: string;
  /** The highest escalation step sent so far. */
  last_step: string | null;
  /** Number of the last change the scheduler must act on, from a counter that only grows: its feed of changes. */
  changed_seq: number;
}

/** One notice as one audience sees it: a row per notice and audience. */
export interface NoticeRow {
  notice_id: string;
  audience: string;
  deadline_id: string;
  kind: string;
  step: string;
  subject_id: string;
  office_id: string | null;
  unit_id: string;
  title: string;
  message: string;
  due_at: string;
  sent_at: string;
  /** 1 when listed for circulation (通报). */
  circulate: number;
  seq: number;
}

export interface NoticeReadRow {
  username: string;
  notice_id: string;
  read_at: string;
}

/** One pending (or past) tier decision on a retention request: an item of an approvers' inbox. */
export interface TaskRow {
  /** `<officeId>/<revision of the event that opened it>`. */
  task_id: string;
  office_id: string;
  office_name: string;
  sponsor_unit_id: string;
  tier: string;
  /** The unit whose approvers decide it (the sponsor's county, city or province). */
  jurisdiction_id: string;
  /** `<tier>@<jurisdiction_id>`: the approvers who may claim it. */
  candidate_group: string;
  assignee: string | null;
  status: string;
  /** forwarded, approved, rejected or returned, once decided. */
  outcome: string | null;
  created_at: string;
  due_at: string;
  closed_at: string | null;
  /** The office's version when the task last changed: a decision sent with it as If-Match acts on this task. */
  office_version: number;
  seq: number;
}

export interface OfficeRow {
  office_id: string;
  name: string;
  sponsor_unit_id: string;
  sponsor_kind: string;
  /** The jurisdiction path of the sponsor, for "everything within this unit" filters: `|henan|henan.nanyang|…|`. */
  sponsor_path: string;
  host_city_id: string;
  paired_assistance: number;
  rule_id: string;
  required_outcome: string;
  status: string;
  /** The tier a pending retention request waits at. */
  pending_tier: string | null;
  assets_total: number;
  assets_disposed: number;
  staff_total: number;
  staff_placed: number;
  /** Number of events in the office's stream. */
  version: number;
  registered_at: string;
  updated_at: string;
  /** Insertion order, for stable pagination. */
  seq: number;
}

export interface CheckpointRow {
  name: string;
  position: string;
  updated_at: string;
}

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
  close(): Promise<void>;
}

const READ_MODEL_TABLES = [
  'offices',
  'tasks',
  'deadlines',
  'notices',
  'notice_reads',
  'campaign_phases',
  'unit_filings',
] as const;

export async function openReadStore(config: ReadStoreConfig): Promise<ReadStore> {
  if (config.kind === 'sqlite') {
    if (config.filename !== ':memory:') mkdirSync(dirname(config.filename), { recursive: true });
    const database = new Database(config.filename);
    database.pragma('journal_mode = WAL');
    // The read store is rebuildable from the log, so it need not fsync every batch.
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<ReadDb>({ dialect: new SqliteDialect({ database }) });
    await migrate(db);
    return { db, kind: 'sqlite', sqlite: database, tables: READ_MODEL_TABLES, close: () => db.destroy() };
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
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const db = new Kysely<ReadDb>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db);
  return { db, kind: 'postgres', tables: READ_MODEL_TABLES, close: () => db.destroy() };
}

async function migrate(db: Kysely<ReadDb>): Promise<void> {
  await db.schema
    .createTable('offices')
    .ifNotExists()
    .addColumn('office_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sponsor_unit_id', 'text', (c) => c.notNull())
    .addColumn('sponsor_kind', 'text', (c) => c.notNull())
    .addColumn('sponsor_path', 'text', (c) => c.notNull())
    .addColumn('host_city_id', 'text', (c) => c.notNull())
    .addColumn('paired_assistance', 'integer', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('required_outcome', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pending_tier', 'text')
    .addColumn('assets_total', 'integer', (c) => c.notNull())
    .addColumn('assets_disposed', 'integer', (c) => c.notNull())
    .addColumn('staff_total', 'integer', (c) => c.notNull())
    .addColumn('staff_placed', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('offices_status')
    .ifNotExists()
    .on('offices')
    .columns(['status', 'seq'])
    .execute();
  await db.schema.createIndex('offices_seq').ifNotExists().on('offices').column('seq').execute();
  await db.schema
    .createTable('tasks')
    .ifNotExists()
    .addColumn('task_id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('office_name', 'text', (c) => c.notNull())
    .addColumn('sponsor_unit_id', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
    .addColumn('candidate_group', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('office_version', 'integer', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  // The inbox reads open tasks of one group, or of one assignee, soonest due first.
  await db.schema
    .createIndex('tasks_group_open')
    .ifNotExists()
    .on('tasks')
    .columns(['candidate_group', 'status', 'due_at'])
    .execute();
  // Lets the inbox count a group's claimed tasks, and one approver's, from the index alone.
  await db.schema
    .createIndex('tasks_group_assignee')
    .ifNotExists()
    .on('tasks')
    .columns(['candidate_group', 'status', 'assignee'])
    .execute();
  await db.schema
    .createIndex('tasks_assignee_open')
    .ifNotExists()
    .on('tasks')
    .columns(['assignee', 'status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('tasks_office')
    .ifNotExists()
    .on('tasks')
    .columns(['office_id', 'status'])
    .execute();
  await db.schema
    .createTable('deadlines')
    .ifNotExists()
    .addColumn('deadline_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addColumn('candidate_group', 'text')
    .addColumn('assignee', 'text')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('previous_due_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_step', 'text')
    .addColumn('changed_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deadlines_feed')
    .ifNotExists()
    .on('deadlines')
    .columns(['changed_seq', 'deadline_id'])
    .execute();
  await sql`DROP INDEX IF EXISTS deadlines_changed`.execute(db);
  await db.schema
    .createIndex('deadlines_pending')
    .ifNotExists()
    .on('deadlines')
    .columns(['status', 'due_at'])
    .execute();
  await db.schema
    .createTable('notices')
    .ifNotExists()
    .addColumn('notice_id', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('deadline_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('circulate', 'integer', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notices_pk', ['notice_id', 'audience'])
    .execute();
  await db.schema
    .createIndex('notices_audience')
    .ifNotExists()
    .on('notices')
    .columns(['audience', 'seq'])
    .execute();
  await db.schema
    .createIndex('notices_circulate')
    .ifNotExists()
    .on('notices')
    .columns(['circulate', 'seq'])
    .execute();
  await db.schema
    .createTable('notice_reads')
    .ifNotExists()
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_reads_pk', ['username', 'notice_id'])
    .execute();
  await db.schema
    .createTable('campaign_phases')
    .ifNotExists()
    .addColumn('phase', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('unit_filings')
    .ifNotExists()
    .addColumn('unit_id', 'text', (c) => c.primaryKey())
    .addColumn('work_plan_filed_at', 'text')
    .addColumn('work_summary_filed_at', 'text')
    .execute();
  await db.schema
    .createTable('checkpoints')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
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

/** The next number of the deadlines' change feed. The read models have one writer, so it only grows. */
export async function nextChangeSeq(trx: Transaction<ReadDb>): Promise<number> {
  const row = await trx
    .selectFrom('deadlines')
    .select((eb) => eb.fn.max('changed_seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}
