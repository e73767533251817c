import 'reflect-metadata';
import { chained, SqliteEventStore } from '@liaison/event-store';
import { openReadStore, rebuildReadModels, type ReadStore, type SqliteDatabase } from '@liaison/projections';
import { loadConfig, type AppConfig } from '@liaison/app';
import { officeContext } from '@liaison/domain';
import { readModelProjections } from '@liaison/projections';
import { planInboxData, writeInboxLog, type InboxPlan } from './inbox-data';
import { fmtInt, log, now, perSecond, withDeadline } from './support';

// The inbox benchmark's data set: the log written through the domain, projected and checked.

const GENERATION_DEADLINE_MS = 20 * 60_000;
const PROJECTION_DEADLINE_MS = 15 * 60_000;
type EmbeddedConfig = AppConfig & { eventStore: { kind: 'sqlite'; filename: string } };

/**
 * The API on the embedded SQLite stores in `dir`, and only what the benchmark means to run: no inherited
 * EVENTSTORE_CONNECTION_STRING, READ_STORE_URL or remote hosts.
 */
export function embeddedConfig(dir: string, benchmark: string): EmbeddedConfig {
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    EVENT_STORE: 'sqlite',
    PROJECTIONS: 'inline',
    REDIS_URL: 'redis://127.0.0.1:6379',
  });
  if (config.eventStore.kind !== 'sqlite' || config.readStore.kind !== 'sqlite') {
    throw new Error(`the ${benchmark} benchmark runs on the embedded SQLite stores`);
  }
  return config as EmbeddedConfig;
}

/**
 * The inbox data set written to the event store as commits and projected into the read store, checked against the
 * plan; the plan keeps only its expectations afterwards.
 */
export async function buildInboxData(
  config: EmbeddedConfig,
  options: { offices: number; openTasks: number },
): Promise<{
  plan: InboxPlan;
  generation: { elapsedMs: number; commits: number };
  projection: { elapsedMs: number; perSecond: number; readStoreMiB: number };
}> {
  const plan = planInboxData({
    offices: options.offices,
    openTasks: options.openTasks,
    now: Date.now(),
    sla: config.taskSla,
    calendar: config.calendar,
  });
  log(
    `  data set: ${fmtInt(options.offices)} offices, ${fmtInt(plan.events)} events, ${fmtInt(plan.tasks)} tasks ` +
      `of which ${fmtInt(plan.openTasks)} open; writing the log…`,
  );
  const context = officeContext();
  const writer = chained(new SqliteEventStore({ filename: config.eventStore.filename }));
  let generation: { elapsedMs: number; commits: number };
  try {
    generation = await withDeadline(
      'generation',
      GENERATION_DEADLINE_MS,
      writeInboxLog(writer, plan, context),
    );
  } finally {
    await writer.close();
  }
  log(
    `  wrote ${fmtInt(plan.events)} events in ${(generation.elapsedMs / 1000).toFixed(1)} s ` +
      `(${fmtInt(generation.commits)} commits; set-up, not a measured figure); projecting…`,
  );
  const projection = await project(config, plan);
  log(
    `  projected with the service's read-model projections in ${(projection.elapsedMs / 1000).toFixed(1)} s; ` +
      `read store ${projection.readStoreMiB.toFixed(0)} MiB; tasks table verified against the plan`,
  );
  // Only the expectations are needed from here on; the server's heap should not carry the plan.
  plan.specs = [];
  return { plan, generation, projection };
}

/** Builds the read models from the log with the service's own projections, then checks them against the plan. */
export async function project(
  config: AppConfig,
  plan: InboxPlan,
): Promise<{ elapsedMs: number; perSecond: number; readStoreMiB: number }> {
  if (config.eventStore.kind !== 'sqlite') throw new Error('SQLite event store expected');
  const store = new SqliteEventStore({ filename: config.eventStore.filename });
  const readStore = await openReadStore(config.readStore);
  try {
    const started = now();
    const result = await withDeadline(
      'projection',
      PROJECTION_DEADLINE_MS,
      rebuildReadModels(store, readStore, readModelProjections(officeContext())),
    );
    const elapsedMs = now() - started;
    if (result.events !== plan.events) {
      throw new Error(`the projection applied ${result.events} events, not ${plan.events}`);
    }
    verifyReadModels(sqliteOf(readStore), plan);
    const db = sqliteOf(readStore);
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return {
      elapsedMs,
      perSecond: perSecond(plan.events, elapsedMs),
      readStoreMiB: (pages * pageSize) / 2 ** 20,
    };
  } finally {
    await readStore.close();
    await store.close();
  }
}

export function sqliteOf(readStore: ReadStore): SqliteDatabase {
  if (!readStore.sqlite) throw new Error('the read store is not SQLite');
  return readStore.sqlite;
}

/** The projection must hold what the plan (and the domain's fold) says, or no figure is reported. */
function verifyReadModels(db: SqliteDatabase, plan: InboxPlan): void {
  const fail = (what: string, got: unknown, want: unknown) => {
    throw new Error(`read models: ${what} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  };
  const one = (sql: string, ...params: unknown[]) =>
    Number(
      db
        .prepare(sql)
        .pluck()
        .get(...params),
    );
  const offices = one('SELECT count(*) FROM offices');
  if (offices !== plan.specs.length) fail('the number of offices', offices, plan.specs.length);
  const statuses = Object.fromEntries(
    (
      db.prepare('SELECT status, count(*) AS n FROM offices GROUP BY status').all() as {
        status: string;
        n: number;
      }[]
    ).map((row) => [row.status, row.n]),
  );
  const want = Object.fromEntries(plan.statuses);
  if (JSON.stringify(Object.entries(statuses).sort()) !== JSON.stringify(Object.entries(want).sort())) {
    fail('offices by status', statuses, want);
  }
  const tasks = one('SELECT count(*) FROM tasks');
  if (tasks !== plan.tasks) fail('the number of tasks', tasks, plan.tasks);
  const open = one(`SELECT count(*) FROM tasks WHERE status = 'open'`);
  if (open !== plan.openTasks) fail('the number of open tasks', open, plan.openTasks);
  const nowIso = new Date().toISOString();
  const byGroup = db.prepare(
    `SELECT candidate_group AS "group", count(*) AS open,
            sum(CASE WHEN due_at < ? THEN 1 ELSE 0 END) AS overdue,
            sum(CASE WHEN assignee IS NOT NULL THEN 1 ELSE 0 END) AS claimed
       FROM tasks WHERE status = 'open' GROUP BY candidate_group`,
  );
  const rows = byGroup.all(nowIso) as { group: string; open: number; overdue: number; claimed: number }[];
  if (rows.length !== plan.groups.size)
    fail('the number of groups with open tasks', rows.length, plan.groups.size);
  for (const row of rows) {
    const expected = plan.groups.get(row.group);
    const got = { open: row.open, overdue: row.overdue, claimed: row.claimed };
    const wanted = expected && { open: expected.open, overdue: expected.overdue, claimed: expected.claimed };
    if (JSON.stringify(got) !== JSON.stringify(wanted)) fail(`open tasks of ${row.group}`, got, wanted);
    for (const [assignee, count] of expected!.byAssignee) {
      const held = one(
        `SELECT count(*) FROM tasks WHERE status = 'open' AND candidate_group = ? AND assignee = ?`,
        row.group,
        assignee,
      );
      if (held !== count) fail(`open tasks of ${row.group} held by ${assignee}`, held, count);
    }
  }
}
