import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { TasksController } from '../apps/api/src/tasks/tasks.controller';
import type { InboxQueryDto } from '../apps/api/src/tasks/tasks.dto';
import { AuthService, Authorizer, demoUser } from '@liaison/auth';
import {
  candidateGroup,
  countsOf,
  queryInbox,
  type Inbox,
  type InboxView,
  type ReadStore,
  type SqliteDatabase,
} from '@liaison/projections';
import { type AppConfig } from '@liaison/app';
import { READ_STORE } from '@liaison/application';
import { ReadModelSync } from '@liaison/application';
import { startApi } from './api';
import { startProfiler, stopProfiler, summariseProfile } from './cpu-profile';
import { type InboxPlan } from './inbox-data';
import { fmtInt, log, makeDataDir, now, perSecond, removeDir, withDeadline } from './support';
import { buildInboxData, embeddedConfig, sqliteOf } from './inbox-setup';
import { compiledInbox, explain, LoadClient, PAGE_SIZE, ServerTimer } from './inbox-harness';
import { INBOX_AIM_P99_MS, latency, type InboxCase, type InboxResult, type Latency } from './inbox-report';

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

const APPROVERS = ['approver.nanyang', 'approver.xichuan'] as const;
const VIEWS: readonly InboxView[] = ['group', 'mine', 'overdue'];
const MEASURE_DEADLINE_MS = 20 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

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
