import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  chained,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
  type Position,
} from '@liaison/event-store';
import { officeStreamId } from '@liaison/domain';
import { loadConfig } from '@liaison/app';
import { officeContext } from '@liaison/domain';
import { startApi } from './api';
import { startProfiler, stopProfiler, summariseProfile } from './cpu-profile';
import type { FromLoad, LoadOptions, LoadReport, ToLoad } from './http-load';
import { planOffice } from './office-plans';
import {
  fmtInt,
  log,
  makeDataDir,
  now,
  percentile,
  perSecond,
  removeDir,
  sortedCopy,
  withDeadline,
} from './support';

export interface CommandsOptions {
  commands: number;
  concurrency: number;
  /** Parent folder of the fresh data folders. */
  dataParent: string;
  keep: boolean;
  rounds: number;
  /** Where to write a CPU profile of the server thread during the timed phase, if wanted. */
  profileTo?: string;
  /**
   * A PostgreSQL server to run both sides on instead of SQLite files: each run in fresh schemas of its own (the
   * event store's, and the API's read models'), dropped afterwards unless `keep`.
   */
  postgres?: { url: string; schema: (label: string) => string; drop: (schemas: string[]) => Promise<void> };
  /** The Redis the API's queues use; default the local one. */
  redisUrl?: string;
}

export interface BaselineRound {
  appends: number;
  elapsedMs: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  commits: number;
}

export interface SubjectRound {
  commands: number;
  concurrency: number;
  elapsedMs: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  byKind: Record<string, number>;
  events: number;
  commits: number;
  eventsPerCommit: number;
  lagging: number;
}

export interface CommandsResult {
  /** The median round of each side (by rate); both sides are measured once per round, alternately. */
  baseline: BaselineRound;
  subject: SubjectRound;
  /** Median subject rate ÷ median baseline rate. */
  ratio: number;
  rounds: { baseline: BaselineRound; subject: SubjectRound; ratio: number }[];
}

const WARMUP_APPENDS = 100;
const APPEND_DEADLINE_MS = 10 * 60_000;
const HTTP_DEADLINE_MS = 10 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Alternates the two sides for a few rounds, each on fresh files: fsync times on shared or virtual disks drift over
 * minutes, and alternating exposes both sides to the same drift. The medians are the reported figures.
 */
export async function runCommands(options: CommandsOptions): Promise<CommandsResult> {
  const rounds: CommandsResult['rounds'] = [];
  for (let round = 1; round <= options.rounds; round++) {
    if (options.rounds > 1) log(`  round ${round}/${options.rounds}`);
    const baseline = await rawAppends(options);
    const subject = await httpCommands({ ...options, profileTo: undefined });
    rounds.push({ baseline, subject, ratio: subject.perSecond / baseline.perSecond });
  }
  if (options.profileTo) {
    // An extra round outside the figures: the profiler slows the server it samples.
    log('  profiled round (not counted)');
    await httpCommands(options);
  }
  const baseline = median(rounds.map((round) => round.baseline));
  const subject = median(rounds.map((round) => round.subject));
  return { baseline, subject, ratio: subject.perSecond / baseline.perSecond, rounds };
}

function median<T extends { perSecond: number }>(results: T[]): T {
  const sorted = [...results].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Baseline: the store's own floor for one durable write at a time. Each append is awaited before the next is
 * queued, so group commit has nothing to batch and every append pays its own fsync.
 */
export async function rawAppends(options: CommandsOptions): Promise<BaselineRound> {
  const dir = makeDataDir(options.dataParent, 'bench-appends-');
  const { postgres } = options;
  const schema = postgres?.schema('appends');
  // As the application appends: through the hash chain.
  const store = chained(
    postgres
      ? await new PostgresEventStore({ connectionString: postgres.url, schema: schema! }).open()
      : new SqliteEventStore({ filename: join(dir, 'events.sqlite') }),
  );
  try {
    const context = officeContext();
    const occurredAt = () => new Date().toISOString();
    // A registration's event with its metadata: the same payload a registration command appends.
    const next = (index: number) => {
      const office = planOffice(index, context, occurredAt);
      return { streamId: officeStreamId(office.officeId), event: office.events[0]! };
    };
    for (let i = 0; i < WARMUP_APPENDS; i++) {
      const { streamId, event } = next(i);
      await store.append(streamId, [event], { expectedRevision: 'no_stream' });
    }
    const prepared = Array.from({ length: options.commands }, (_value, i) => next(WARMUP_APPENDS + i));
    const commitsBefore = store.storage.commits;
    const latencies = new Float64Array(prepared.length);
    log(`  raw appends: ${fmtInt(prepared.length)} sequential single-event appends…`);
    const started = now();
    await withDeadline(
      'raw appends',
      APPEND_DEADLINE_MS,
      (async () => {
        for (let i = 0; i < prepared.length; i++) {
          const { streamId, event } = prepared[i]!;
          const t = now();
          await store.append(streamId, [event], { expectedRevision: 'no_stream' });
          latencies[i] = now() - t;
        }
      })(),
    );
    const elapsedMs = now() - started;
    const commits = store.storage.commits - commitsBefore;
    if (commits !== prepared.length) {
      throw new Error(`raw appends: expected one commit per append, got ${commits} for ${prepared.length}`);
    }
    const head = await store.headPosition();
    if (head?.commit !== BigInt(WARMUP_APPENDS + prepared.length)) {
      throw new Error(
        `raw appends: the log holds ${String(head?.commit)} events, not ${WARMUP_APPENDS + prepared.length}`,
      );
    }
    const sorted = sortedCopy(latencies);
    return {
      appends: prepared.length,
      elapsedMs,
      perSecond: perSecond(prepared.length, elapsedMs),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      commits,
    };
  } finally {
    await store.close();
    if (!options.keep) removeDir(dir);
    if (postgres && !options.keep) await postgres.drop([schema!]);
  }
}

/**
 * Subject: the real API with inline projections, driven over keep-alive HTTP: on embedded SQLite, or with the event
 * store and the read models on `options.postgres`.
 */
export async function httpCommands(options: CommandsOptions): Promise<SubjectRound> {
  const dir = makeDataDir(options.dataParent, 'bench-api-');
  const { postgres } = options;
  const schemas = postgres ? [postgres.schema('events'), postgres.schema('read_models')] : [];
  // Only what the benchmark means to run: no inherited EVENTSTORE_CONNECTION_STRING, READ_STORE_URL or remote hosts.
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    EVENT_STORE: 'sqlite',
    PROJECTIONS: 'inline',
    REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379',
    ...(postgres
      ? {
          EVENT_STORE: 'postgres',
          EVENT_STORE_URL: postgres.url,
          EVENT_STORE_SCHEMA: schemas[0],
          READ_STORE_URL: postgres.url,
          READ_STORE_SCHEMA: schemas[1],
        }
      : {}),
  });
  // Every route needs a signed-in user.
  const api = await startApi(config, REQUEST_TIMEOUT_MS);
  const { app, store } = api;
  let worker: Worker | undefined;
  let profiler: Awaited<ReturnType<typeof startProfiler>> | undefined;
  try {
    const loadOptions: LoadOptions = {
      port: api.port,
      commands: options.commands,
      warmup: Math.min(1000, Math.max(50, Math.floor(options.commands / 5))),
      concurrency: options.concurrency,
      runId: `${process.pid}-${Date.now()}`,
      token: await api.signIn('clerk.nanyang'),
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    };
    log(
      `  HTTP commands: ${fmtInt(loadOptions.warmup)} warm-up, then ${fmtInt(options.commands)} timed, ` +
        `${options.concurrency} keep-alive clients…`,
    );
    const load = new Worker(join(__dirname, 'http-load.js'), { workerData: loadOptions });
    worker = load;
    let before: { commits: number; head: bigint; position?: Position } = { commits: 0, head: 0n };
    const report = await withDeadline(
      'HTTP commands',
      HTTP_DEADLINE_MS,
      new Promise<LoadReport>((resolve, reject) => {
        load.on('message', (message: FromLoad) => {
          if (message.kind === 'warmed') {
            // The server is idle here: every warm-up request has been answered.
            void (async () => {
              if (options.profileTo) profiler = await startProfiler(250);
              const head = await store.headPosition();
              before = {
                commits: store.storage.commits,
                head: head?.commit ?? 0n,
                ...(head ? { position: head } : {}),
              };
              load.postMessage({ kind: 'go' } satisfies ToLoad);
            })().catch(reject);
          } else if (message.kind === 'done') resolve(message.report);
          else reject(new Error(`load generator failed: ${message.message}`));
        });
        load.on('error', reject);
        load.on('exit', (code) => reject(new Error(`load generator exited (${code}) before reporting`)));
      }),
    );
    if (profiler && options.profileTo) {
      const profile = await stopProfiler(profiler);
      writeFileSync(options.profileTo, JSON.stringify(profile));
      log(`  CPU profile of the server thread written to ${options.profileTo}`);
      log(summariseProfile(profile, 25));
    }
    const head = (await store.headPosition())?.commit ?? 0n;
    const events = Number(head - before.head);
    const commits = store.storage.commits - before.commits;

    const failed = Object.entries(report.failures);
    if (failed.length > 0) {
      const lines = failed.map(([what, { count, sample }]) => `${count}× ${what}: ${sample}`);
      throw new Error(`HTTP commands: some commands failed, no figure reported:\n${lines.join('\n')}`);
    }
    if (report.commands !== options.commands) {
      throw new Error(`HTTP commands: ${report.commands} answered, ${options.commands} sent`);
    }
    // Every command in the mix appends exactly one event of its own; registering an office the plan does not
    // cover also records its ruling task's due date.
    const dueDates = await countDueDates(store, before.position);
    if (events - dueDates !== options.commands) {
      throw new Error(
        `HTTP commands: ${options.commands} commands answered but ${events - dueDates} events appended ` +
          `(besides ${dueDates} due dates)`,
      );
    }
    const sorted = sortedCopy(report.latencies);
    return {
      commands: report.commands,
      concurrency: options.concurrency,
      elapsedMs: report.elapsedMs,
      perSecond: perSecond(report.commands, report.elapsedMs),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1] ?? NaN,
      byKind: report.byKind,
      events,
      commits,
      eventsPerCommit: commits > 0 ? events / commits : NaN,
      lagging: report.lagging,
    };
  } finally {
    profiler?.disconnect();
    await worker?.terminate();
    await app.close();
    if (!options.keep) removeDir(dir);
    if (postgres && !options.keep) await postgres.drop(schemas);
  }
}

/** The DeadlineSet events appended after `after`: due dates recorded beside the commands' own events. */
async function countDueDates(store: EventStore, after: Position | undefined): Promise<number> {
  let count = 0;
  let from = after;
  for (;;) {
    const page = await store.readAll({ ...(from ? { after: from } : {}), maxCount: 5000 });
    for (const event of page) if (event.type === 'DeadlineSet') count++;
    if (page.length < 5000) return count;
    from = page[page.length - 1]!.position;
  }
}
