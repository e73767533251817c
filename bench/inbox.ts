import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TasksController } from '../apps/api/src/tasks/tasks.controller';
import type { InboxQueryDto } from '../apps/api/src/tasks/tasks.dto';
import { AuthService, Authorizer, demoUser } from '@liaison/auth';
import { chained, SqliteEventStore } from '@liaison/event-store';
import {
  candidateGroup,
  countsOf,
  inboxStatements,
  openReadStore,
  queryInbox,
  rebuildReadModels,
  type Inbox,
  type InboxView,
  type ReadStore,
  type SqliteDatabase,
} from '@liaison/projections';
import { loadConfig, type AppConfig } from '@liaison/app';
import { officeContext } from '@liaison/domain';
import { READ_STORE } from '@liaison/application';
import { ReadModelSync } from '@liaison/application';
import { readModelProjections } from '@liaison/projections';
import { startApi } from './api';
import { startProfiler, stopProfiler, summariseProfile } from './cpu-profile';
import { planInboxData, writeInboxLog, type InboxPlan } from './inbox-data';
import type {
  FromInboxLoad,
  InboxLoadOptions,
  InboxPhase,
  InboxPhaseReport,
  ToInboxLoad,
} from './inbox-load';
import {
  fmtInt,
  fmtMs,
  log,
  makeDataDir,
  now,
  percentile,
  perSecond,
  removeDir,
  sortedCopy,
  table,
  withDeadline,
} from './support';

export interface InboxOptions {
  offices: number;
  openTasks: number;
  /** Timed requests per approver and view, on each side; a tenth as many (at least 50) are sent first, untimed. */
  requests: number;
  dataParent: string;
  keep: boolean;
  /** Where to write a CPU profile of the server thread during an extra, untimed pass of the HTTP requests. */
  profileTo?: string;
}

export interface Latency {
  count: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

export interface InboxCase {
  approver: string;
  view: InboxView;
  group: string;
  total: number;
  counts: Record<InboxView, number>;
  items: number;
  replyBytes: number;
  /** GET /tasks over keep-alive HTTP: the subject. */
  http: Latency;
  /** The same requests as the server saw them: from its 'request' event to the reply's 'finish'. */
  server: Latency;
  /** The same `queryInbox` call on the API's own read store, in the API's process: the baseline. */
  direct: Latency;
  /** The two statements `queryInbox` runs, prepared once, run with better-sqlite3 directly. */
  sql: { list: Latency; counts: Latency; both: Latency };
  /** `TasksController.inbox` called in-process: the authorizer, queryInbox and the mapping of the items. */
  controller: Latency;
  /** JSON.stringify of the controller's answer: what Fastify does to send it. */
  stringify: Latency;
  /** HTTP ÷ direct. */
  ratio: { p50: number; p99: number };
  queryPlan: { list: string[]; counts: string[] };
}

export interface InboxResult {
  offices: number;
  events: number;
  tasks: { total: number; open: number };
  lifecycles: Record<string, number>;
  statuses: Record<string, number>;
  groups: { group: string; open: number; overdue: number; claimed: number }[];
  generation: { elapsedMs: number; perSecond: number; commits: number };
  projection: { elapsedMs: number; perSecond: number; readStoreMiB: number };
  /** GET /auth/me with the same token: HTTP, Nest and the token check, no query. */
  floor: Latency;
  /** `AuthService.authenticate` alone: the token check every request pays. */
  tokenCheck: Latency;
  cases: InboxCase[];
  /** Every timed request of every case together. */
  pooled: { http: Latency; direct: Latency; sql: Latency; ratio: { p50: number; p99: number } };
  aimMs: number;
  aimMet: boolean;
}

export const INBOX_AIM_P99_MS = 5;
const PAGE_SIZE = 50;
const APPROVERS = ['approver.nanyang', 'approver.xichuan'] as const;
const VIEWS: readonly InboxView[] = ['group', 'mine', 'overdue'];
const GENERATION_DEADLINE_MS = 20 * 60_000;
const PROJECTION_DEADLINE_MS = 15 * 60_000;
const MEASURE_DEADLINE_MS = 20 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

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

export async function runInbox(options: InboxOptions): Promise<InboxResult> {
  const dir = makeDataDir(options.dataParent, 'bench-inbox-');
  const config = embeddedConfig(dir, 'inbox');
  try {
    const { plan, generation, projection } = await buildInboxData(config, options);
    const measured = await measure(config, plan, options);
    const http = latency(measured.cases.flatMap((c) => [...c.samples.http]));
    const direct = latency(measured.cases.flatMap((c) => [...c.samples.direct]));
    const sql = latency(measured.cases.flatMap((c) => [...c.samples.sql]));
    const cases = measured.cases.map((c) => c.result);
    const aimMet = cases.every((c) => c.http.p99Ms < INBOX_AIM_P99_MS) && http.p99Ms < INBOX_AIM_P99_MS;
    return {
      offices: options.offices,
      events: plan.events,
      tasks: { total: plan.tasks, open: plan.openTasks },
      lifecycles: plan.lifecycles,
      statuses: Object.fromEntries(plan.statuses),
      groups: [...plan.groups]
        .map(([group, g]) => ({ group, open: g.open, overdue: g.overdue, claimed: g.claimed }))
        .sort((a, b) => b.open - a.open),
      generation: { ...generation, perSecond: perSecond(plan.events, generation.elapsedMs) },
      projection,
      floor: measured.floor,
      tokenCheck: measured.tokenCheck,
      cases,
      pooled: {
        http,
        direct,
        sql,
        ratio: { p50: http.p50Ms / direct.p50Ms, p99: http.p99Ms / direct.p99Ms },
      },
      aimMs: INBOX_AIM_P99_MS,
      aimMet,
    };
  } finally {
    if (!options.keep) removeDir(dir);
  }
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

function sqliteOf(readStore: ReadStore): SqliteDatabase {
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

interface Statement {
  sql: string;
  parameters: unknown[];
}

interface MeasuredCase {
  result: InboxCase;
  samples: { http: Float64Array; direct: Float64Array; sql: Float64Array };
  statements: {
    list: Statement;
    counts: Statement;
    expect: { items: number; firstId: string | undefined; total: number };
    groups: string[];
    approver: string;
    now: string;
  };
}

/** Starts the real API on the data folder and measures every approver and view on each side. */
async function measure(
  config: AppConfig,
  plan: InboxPlan,
  options: InboxOptions,
): Promise<{ cases: MeasuredCase[]; floor: Latency; tokenCheck: Latency }> {
  const api = await startApi(config, REQUEST_TIMEOUT_MS);
  const { app, store } = api;
  let load: LoadClient | undefined;
  try {
    const serverTimer = new ServerTimer(app.getHttpServer());
    const head = await store.headPosition();
    if (head) await app.get(ReadModelSync).waitFor(head);
    const readStore = app.get<symbol, ReadStore>(READ_STORE);
    const db = sqliteOf(readStore);
    const authorizer = app.get(Authorizer);
    const auth = app.get(AuthService);
    const controller = app.get(TasksController);
    load = new LoadClient({ port: api.port, requestTimeoutMs: REQUEST_TIMEOUT_MS });
    const warmup = Math.max(50, Math.floor(options.requests / 10));

    return await withDeadline(
      'inbox measurements',
      MEASURE_DEADLINE_MS,
      (async () => {
        const tokens = new Map<string, string>();
        for (const approver of APPROVERS) tokens.set(approver, await api.signIn(approver));
        log(`  floor: GET /auth/me, ${fmtInt(options.requests)} requests…`);
        const floorReport = await load!.run({
          id: 'floor',
          path: '/auth/me',
          token: tokens.get(APPROVERS[0])!,
          warmup,
          requests: options.requests,
        });
        const floor = latency(floorReport.latencies);
        const token = tokens.get(APPROVERS[0])!;
        const tokenMs = new Float64Array(options.requests);
        for (let i = -warmup; i < options.requests; i++) {
          const started = now();
          const { user } = await auth.authenticate(token);
          if (i >= 0) tokenMs[i] = now() - started;
          if (user.username !== APPROVERS[0]) throw new Error('the token names someone else');
        }
        const tokenCheck = latency(tokenMs);

        const cases: MeasuredCase[] = [];
        for (const approver of APPROVERS) {
          const queue = authorizer.inboxOf(demoUser(approver));
          if (!queue) throw new Error(`${approver} has no inbox`);
          const groups = [candidateGroup(queue.tier, queue.unitId)];
          for (const view of VIEWS) {
            log(`  ${approver} ?view=${view}: direct, SQL, HTTP × ${fmtInt(options.requests)}…`);
            cases.push(
              await measureCase(db, readStore, controller, load!, serverTimer, plan, {
                approver,
                view,
                groups,
                token: tokens.get(approver)!,
                warmup,
                requests: options.requests,
              }),
            );
          }
        }

        if (options.profileTo) {
          log('  profiled pass of the HTTP requests (not counted)…');
          const profiler = await startProfiler(250);
          try {
            for (const c of cases) {
              await load!.run({
                id: `profile-${c.result.approver}-${c.result.view}`,
                path: inboxPath(c.result.view),
                token: tokens.get(c.result.approver)!,
                warmup: 0,
                requests: options.requests,
              });
            }
            const profile = await stopProfiler(profiler);
            writeFileSync(options.profileTo, JSON.stringify(profile));
            log(`  CPU profile of the server thread written to ${options.profileTo}`);
            log(summariseProfile(profile, 30));
          } finally {
            profiler.disconnect();
          }
        }
        return { cases, floor, tokenCheck };
      })(),
    );
  } finally {
    await load?.stop();
    await app.close();
  }
}

function inboxPath(view: InboxView): string {
  return `/tasks?view=${view}&page=1&pageSize=${PAGE_SIZE}`;
}

async function measureCase(
  db: SqliteDatabase,
  readStore: ReadStore,
  controller: TasksController,
  load: LoadClient,
  serverTimer: ServerTimer,
  plan: InboxPlan,
  c: { approver: string; view: InboxView; groups: string[]; token: string; warmup: number; requests: number },
): Promise<MeasuredCase> {
  const { approver, view, groups } = c;
  const group = groups[0]!;

  // The expected answer, by plain SQL on the tasks table, and checked against the plan.
  const nowIso = new Date().toISOString();
  const where = {
    group: '',
    mine: 'AND assignee = @approver',
    claimed: 'AND assignee IS NOT NULL',
    unclaimed: 'AND assignee IS NULL',
    overdue: 'AND due_at < @now',
  } satisfies Record<InboxView, string>;
  const params = { group, approver, now: nowIso };
  const counts = Object.fromEntries(
    Object.entries(where).map(([name, condition]) => [
      name,
      Number(
        db
          .prepare(
            `SELECT count(*) FROM tasks WHERE status = 'open' AND candidate_group = @group ${condition}`,
          )
          .pluck()
          .get(params),
      ),
    ]),
  ) as Record<InboxView, number>;
  const expectedGroup = plan.groups.get(group);
  const fromPlan = expectedGroup && {
    group: expectedGroup.open,
    mine: expectedGroup.byAssignee.get(approver) ?? 0,
    claimed: expectedGroup.claimed,
    unclaimed: expectedGroup.open - expectedGroup.claimed,
    overdue: expectedGroup.overdue,
  };
  if (JSON.stringify(counts) !== JSON.stringify(fromPlan)) {
    throw new Error(
      `${approver}: counts ${JSON.stringify(counts)} differ from the plan's ${JSON.stringify(fromPlan)}`,
    );
  }
  const taskIds = db
    .prepare(
      `SELECT task_id FROM tasks WHERE status = 'open' AND candidate_group = @group ${where[view]}
        ORDER BY due_at, task_id LIMIT ${PAGE_SIZE}`,
    )
    .pluck()
    .all(params) as string[];
  if (taskIds.length !== Math.min(PAGE_SIZE, counts[view]))
    throw new Error(`${approver} ${view}: short first page`);
  const expect = { total: counts[view], counts, taskIds };
  const wrong = (inbox: Inbox): string | undefined =>
    inbox.total !== expect.total
      ? 'total'
      : JSON.stringify(inbox.counts) !== JSON.stringify(counts)
        ? 'counts'
        : inbox.items.length !== taskIds.length || inbox.items.some((item, i) => item.task_id !== taskIds[i])
          ? 'items'
          : undefined;

  // Baseline: queryInbox on the API's read store, as the controller calls it.
  const query = () =>
    queryInbox(readStore, {
      groups,
      approver,
      view,
      now: new Date().toISOString(),
      page: 1,
      pageSize: PAGE_SIZE,
    });
  const direct = new Float64Array(c.requests);
  for (let i = -c.warmup; i < c.requests; i++) {
    const started = now();
    const inbox = await query();
    const elapsed = now() - started;
    if (i >= 0) direct[i] = elapsed;
    const problem = wrong(inbox);
    if (problem) throw new Error(`queryInbox for ${approver} ${view}: wrong ${problem}`);
  }

  // The controller's method, in-process, and the serialisation of its answer.
  const user = demoUser(approver);
  const dto = { view, page: 1, pageSize: PAGE_SIZE } as InboxQueryDto;
  const controllerMs = new Float64Array(c.requests);
  const stringifyMs = new Float64Array(c.requests);
  for (let i = -c.warmup; i < c.requests; i++) {
    const t0 = now();
    const reply = await controller.inbox(dto, user);
    const t1 = now();
    const text = JSON.stringify(reply);
    const t2 = now();
    if (i >= 0) {
      controllerMs[i] = t1 - t0;
      stringifyMs[i] = t2 - t1;
    }
    if (reply.total !== expect.total || reply.items[0]?.taskId !== taskIds[0] || text.length === 0) {
      throw new Error(`TasksController.inbox for ${approver} ${view}: wrong answer`);
    }
  }

  // The statements queryInbox sends, compiled by the same Kysely calls, prepared once.
  const compiled = compiledInbox(readStore, { groups, approver, view, now: nowIso });
  const list = db.prepare(compiled.list.sql);
  const countsStmt = db.prepare(compiled.counts.sql);
  const listParams = [...compiled.list.parameters];
  const countsParams = [...compiled.counts.parameters];
  const listMs = new Float64Array(c.requests);
  const countsMs = new Float64Array(c.requests);
  const bothMs = new Float64Array(c.requests);
  for (let i = -c.warmup; i < c.requests; i++) {
    const t0 = now();
    const rows = list.all(listParams) as { task_id: string }[];
    const t1 = now();
    const row = countsStmt.get(countsParams);
    const t2 = now();
    if (i >= 0) {
      listMs[i] = t1 - t0;
      countsMs[i] = t2 - t1;
      bothMs[i] = t2 - t0;
    }
    if (
      rows.length !== taskIds.length ||
      rows[0]?.task_id !== taskIds[0] ||
      countsOf(row as never)[view] !== expect.total
    ) {
      throw new Error(`raw SQL for ${approver} ${view}: wrong answer`);
    }
  }
  const queryPlan = {
    list: explain(db, compiled.list.sql, listParams),
    counts: explain(db, compiled.counts.sql, countsParams),
  };

  // Subject: GET /tasks over HTTP, every reply checked against the same answer.
  serverTimer.reset();
  const report = await load.run({
    id: `${approver}-${view}`,
    path: inboxPath(view),
    token: c.token,
    warmup: c.warmup,
    requests: c.requests,
    expect,
  });
  const failures = Object.entries(report.failures);
  if (failures.length > 0) {
    const lines = failures.map(([what, { count, sample }]) => `${count}× wrong ${what}: ${sample}`);
    throw new Error(
      `GET /tasks for ${approver} ${view}: wrong replies, no figure reported:\n${lines.join('\n')}`,
    );
  }
  const http = latency(report.latencies);
  const server = latency(serverTimer.last(c.requests));
  const base = latency(direct);
  return {
    result: {
      approver,
      view,
      group,
      total: expect.total,
      counts,
      items: taskIds.length,
      replyBytes: report.bytes,
      http,
      server,
      direct: base,
      sql: { list: latency(listMs), counts: latency(countsMs), both: latency(bothMs) },
      controller: latency(controllerMs),
      stringify: latency(stringifyMs),
      ratio: { p50: http.p50Ms / base.p50Ms, p99: http.p99Ms / base.p99Ms },
      queryPlan,
    },
    samples: { http: report.latencies, direct, sql: bothMs },
    statements: {
      list: { sql: compiled.list.sql, parameters: listParams },
      counts: { sql: compiled.counts.sql, parameters: countsParams },
      expect: { items: taskIds.length, firstId: taskIds[0], total: expect.total },
      groups,
      approver,
      now: nowIso,
    },
  };
}

/** The list and the counts statements exactly as `queryInbox` builds them, compiled for the first page. */
function compiledInbox(
  readStore: ReadStore,
  q: { groups: string[]; approver: string; view: InboxView; now: string },
) {
  const statements = inboxStatements(readStore.db, q);
  return {
    list: statements.list.limit(PAGE_SIZE).offset(0).compile(),
    counts: statements.counts.compile(),
  };
}

function explain(db: SqliteDatabase, sql: string, params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map(
    (row) => row.detail,
  );
}

export function latency(samples: ArrayLike<number>): Latency {
  const sorted = sortedCopy(samples);
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: sorted.length > 0 ? sum / sorted.length : NaN,
    maxMs: sorted[sorted.length - 1] ?? NaN,
  };
}

/**
 * Times each request inside the server: from the HTTP server's 'request' event (headers parsed; this listener runs
 * before Fastify's) to the reply's 'finish' (the last byte handed to the kernel).
 */
class ServerTimer {
  private samples: number[] = [];

  constructor(server: Server) {
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
      const started = now();
      res.once('finish', () => this.samples.push(now() - started));
    });
  }

  reset(): void {
    this.samples = [];
  }

  /** The last `count` requests' times (the timed ones, after the warm-up). */
  last(count: number): Float64Array {
    if (this.samples.length < count)
      throw new Error(`the server saw ${this.samples.length} requests, not ${count}`);
    return Float64Array.from(this.samples.slice(-count));
  }
}

/** Runs phases on the client worker one at a time. */
class LoadClient {
  private readonly worker: Worker;
  private failure: Error | undefined;

  constructor(options: InboxLoadOptions) {
    this.worker = new Worker(join(__dirname, 'inbox-load.js'), { workerData: options });
    this.worker.on('error', (error) => (this.failure = error));
  }

  run(phase: InboxPhase): Promise<InboxPhaseReport> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<InboxPhaseReport>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`HTTP client exited (${code}) during ${phase.id}`));
      this.worker.once('exit', onExit);
      this.worker.once('message', (message: FromInboxLoad) => {
        this.worker.off('exit', onExit);
        if (message.kind === 'done') resolve(message.report);
        else reject(new Error(`HTTP client failed: ${message.message}`));
      });
      this.worker.postMessage({ kind: 'run', phase } satisfies ToInboxLoad);
    });
  }

  async stop(): Promise<void> {
    this.worker.postMessage({ kind: 'stop' } satisfies ToInboxLoad);
    await this.worker.terminate();
  }
}

/** Milliseconds with two decimals below 10 ms: inbox latencies are mostly fractions of a millisecond. */
export function fmtLatency(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : fmtMs(value);
}

/** The figures as a table, for the console. */
export function inboxTable(result: InboxResult): string {
  const rows = [
    [
      'approver, view',
      'total',
      'reply',
      'HTTP p50',
      'HTTP p99',
      'HTTP mean',
      'direct p50',
      'direct p99',
      'SQL p50',
      'SQL p99',
      'HTTP÷direct p50/p99',
    ],
  ];
  for (const c of result.cases) {
    rows.push([
      `${c.approver} ${c.view}`,
      fmtInt(c.total),
      `${(c.replyBytes / 1024).toFixed(1)} KiB`,
      fmtLatency(c.http.p50Ms),
      fmtLatency(c.http.p99Ms),
      fmtLatency(c.http.meanMs),
      fmtLatency(c.direct.p50Ms),
      fmtLatency(c.direct.p99Ms),
      fmtLatency(c.sql.both.p50Ms),
      fmtLatency(c.sql.both.p99Ms),
      `${c.ratio.p50.toFixed(2)}× / ${c.ratio.p99.toFixed(2)}×`,
    ]);
  }
  const p = result.pooled;
  rows.push([
    'all of the above',
    '',
    '',
    fmtLatency(p.http.p50Ms),
    fmtLatency(p.http.p99Ms),
    fmtLatency(p.http.meanMs),
    fmtLatency(p.direct.p50Ms),
    fmtLatency(p.direct.p99Ms),
    fmtLatency(p.sql.p50Ms),
    fmtLatency(p.sql.p99Ms),
    `${p.ratio.p50.toFixed(2)}× / ${p.ratio.p99.toFixed(2)}×`,
  ]);
  rows.push([
    'GET /auth/me (HTTP floor)',
    '',
    '',
    fmtLatency(result.floor.p50Ms),
    fmtLatency(result.floor.p99Ms),
    fmtLatency(result.floor.meanMs),
    '',
    '',
    '',
    '',
    '',
  ]);
  return table(rows);
}

/** Where one request's time goes: each layer measured on its own, medians. */
export function breakdownTable(result: InboxResult): string {
  const rows = [
    [
      'approver, view (p50)',
      'SQL list',
      'SQL counts',
      'queryInbox',
      'controller',
      'JSON.stringify',
      'server',
      'HTTP',
    ],
  ];
  for (const c of result.cases) {
    rows.push([
      `${c.approver} ${c.view}`,
      fmtLatency(c.sql.list.p50Ms),
      fmtLatency(c.sql.counts.p50Ms),
      fmtLatency(c.direct.p50Ms),
      fmtLatency(c.controller.p50Ms),
      fmtLatency(c.stringify.p50Ms),
      fmtLatency(c.server.p50Ms),
      fmtLatency(c.http.p50Ms),
    ]);
  }
  return table(rows);
}
