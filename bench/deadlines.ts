import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker, type Job } from 'bullmq';
import { writeFileSync } from 'node:fs';
import { startProfiler, stopProfiler, summariseProfile } from './cpu-profile';
import Database from 'better-sqlite3';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { DEADLINE_CONCURRENCY } from '../apps/worker/src/deadlines/deadline.processor';
import type { DeadlineNoticeSent } from '@liaison/domain';
import { SqliteEventStore } from '@liaison/event-store';
import { openReadStore, type ReadStore } from '@liaison/projections';
import { bullConnection } from '@liaison/app';
import type { AppConfig } from '@liaison/app';
import { officeContext } from '@liaison/domain';
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
import { benchConfig, writeRequests } from './deadlines-setup';

export interface DeadlinesOptions {
  /** Deadlines due at the same moment in the drain benchmark (default 100,000). */
  deadlines: number;
  /** Pending deadlines spread over a window in the lateness benchmark (default 10,000). */
  pending: number;
  dataParent: string;
  keep: boolean;
  redisUrl: string;
  /** Where to write a CPU profile of the drain (worker and bench share the thread), if wanted. */
  profileTo?: string;
}

export interface DrainSide {
  jobs: number;
  /** From the moment every job fell due until the last one was done (the last notice appended). */
  elapsedMs: number;
  perSecond: number;
  /** Adding the delayed jobs to Redis beforehand (set-up, not part of the figure). */
  scheduleMs: number;
}

export interface DeadlinesResult {
  deadlines: number;
  generation: { events: number; elapsedMs: number; projectionMs: number };
  rawDrain: DrainSide;
  drain: DrainSide;
  /** Subject ÷ baseline, as time: 1 is as fast as draining no-op jobs. */
  ratio: number;
  lateness: {
    pending: number;
    windowMs: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    meanMs: number;
  };
  aims: { withinSeconds: boolean; withinTwiceRaw: boolean; latenessP99: boolean };
}

/** The worker's concurrency for deadline jobs (its @Processor) and the baseline's, the same. */
const CONCURRENCY = DEADLINE_CONCURRENCY;
const DRAIN_DEADLINE_MS = 10 * 60_000;
export const DRAIN_AIM_MS = 10_000;
export const LATENESS_AIM_P99_MS = 100;

/**
 * 1. Baseline: `deadlines` delayed no-op BullMQ jobs, all due at one moment, drained by one worker of the same
 *    concurrency; from that moment until the last completes.
 * 2. Subject: as many retention requests waiting at the county tier, their deadlines all due at one moment, the
 *    real worker (WorkerModule: reconciler, processor, notices to the SQLite event store); from that moment until
 *    the last reminder is appended. Checked: exactly one notice per deadline.
 * 3. Lateness: `pending` deadlines due across a window, each notice's send time against its due time.
 */
export async function runDeadlines(options: DeadlinesOptions): Promise<DeadlinesResult> {
  const context = officeContext();
  const dir = makeDataDir(options.dataParent, 'bench-deadlines-');
  try {
    const config = benchConfig(dir, options.redisUrl, 'drain');
    log(`  writing ${fmtInt(options.deadlines)} retention requests and projecting them…`);
    const generation = await writeRequests(config, context, options.deadlines);
    log(
      `  ${fmtInt(generation.events)} events in ${(generation.elapsedMs / 1000).toFixed(1)} s, read models in ` +
        `${(generation.projectionMs / 1000).toFixed(1)} s (set-up)`,
    );

    log(`  baseline: ${fmtInt(options.deadlines)} delayed no-op jobs…`);
    const rawDrain = await withDeadline('raw drain', DRAIN_DEADLINE_MS, drainNoop(config, options.deadlines));
    log(`  baseline drained in ${rawDrain.elapsedMs.toFixed(0)} ms`);

    log(`  subject: ${fmtInt(options.deadlines)} deadlines due at one moment through the worker…`);
    const lead = Math.max(5_000, 3 * rawDrain.scheduleMs + 3_000);
    const drain = await withDeadline(
      'deadline drain',
      DRAIN_DEADLINE_MS,
      drainDeadlines(
        config,
        options.deadlines,
        (count) => Array(count).fill(Date.now() + lead),
        options.profileTo,
      ),
    );
    log(`  subject: every notice appended ${drain.side.elapsedMs.toFixed(0)} ms after the due time`);

    const lateDir = makeDataDir(options.dataParent, 'bench-lateness-');
    try {
      const lateConfig = benchConfig(lateDir, options.redisUrl, 'lateness');
      log(`  lateness: ${fmtInt(options.pending)} pending deadlines due across a window…`);
      await writeRequests(lateConfig, context, options.pending);
      const windowMs = 20_000;
      const result = await withDeadline(
        'lateness',
        DRAIN_DEADLINE_MS,
        drainDeadlines(lateConfig, options.pending, (count) => {
          const start = Date.now() + 5_000 + 3 * rawDrain.scheduleMs * (options.pending / options.deadlines);
          return Array.from({ length: count }, (_, i) => start + Math.floor((i * windowMs) / count));
        }),
      );
      const sorted = sortedCopy(result.lateness);
      let sum = 0;
      for (const value of sorted) sum += value;
      const lateness = {
        pending: options.pending,
        windowMs,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted[sorted.length - 1] ?? NaN,
        meanMs: sum / sorted.length,
      };
      const ratio = drain.side.elapsedMs / rawDrain.elapsedMs;
      return {
        deadlines: options.deadlines,
        generation,
        rawDrain,
        drain: drain.side,
        ratio,
        lateness,
        aims: {
          withinSeconds: drain.side.elapsedMs <= DRAIN_AIM_MS,
          withinTwiceRaw: ratio <= 2,
          latenessP99: lateness.p99Ms < LATENESS_AIM_P99_MS,
        },
      };
    } finally {
      if (!options.keep) removeDir(lateDir);
    }
  } finally {
    if (!options.keep) removeDir(dir);
  }
}

async function drainNoop(config: AppConfig, count: number): Promise<DrainSide> {
  const name = 'bench-noop';
  const queue = new Queue(name, {
    connection: bullConnection(config.redisUrl, 'producer'),
    prefix: config.queuePrefix,
  });
  let done = 0;
  let lastDone = 0;
  let resolveAll!: () => void;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const worker = new Worker(
    name,
    async (_job: Job) => {
      return undefined;
    },
    {
      connection: bullConnection(config.redisUrl, 'worker'),
      prefix: config.queuePrefix,
      concurrency: CONCURRENCY,
      autorun: false,
    },
  );
  worker.on('completed', () => {
    done++;
    if (done === count) {
      lastDone = Date.now();
      resolveAll();
    }
  });
  try {
    const scheduled = now();
    // The due moment is fixed once every job is in; until then the jobs wait far in the future.
    const dueAt = Date.now() + 3_600_000;
    for (let i = 0; i < count; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
          name,
          data: { i: i + j },
          opts: {
            jobId: `noop.${i + j}`,
            delay: dueAt - Date.now(),
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
    }
    const scheduleMs = now() - scheduled;
    // Bring every job's due time to one moment shortly ahead, as the subject's deadlines have.
    const moment = Date.now() + 2_000;
    const delayed = await queue.getDelayed(0, count);
    await Promise.all(delayed.map((job) => job.changeDelay(moment - Date.now())));
    void worker.run();
    await all;
    return {
      jobs: count,
      elapsedMs: lastDone - moment,
      perSecond: perSecond(count, lastDone - moment),
      scheduleMs,
    };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

/**
 * Sets the due times of the deadlines (`dueTimes` gives one per deadline, in deadline order), starts the real
 * worker, and waits until every deadline has its reminder in the log.
 */
async function drainDeadlines(
  config: AppConfig,
  count: number,
  dueTimes: (count: number) => number[],
  profileTo?: string,
): Promise<{ side: DrainSide; lateness: number[] }> {
  const readStore: ReadStore = await openReadStore(config.readStore);
  const store = new SqliteEventStore({ filename: (config.eventStore as { filename: string }).filename });
  let worker: INestApplicationContext | undefined;
  try {
    const rows = await readStore.db
      .selectFrom('deadlines')
      .select('deadline_id')
      .orderBy('deadline_id')
      .execute();
    if (rows.length !== count) throw new Error(`${rows.length} deadlines in the read model, not ${count}`);
    const times = dueTimes(count);
    await readStore.db.transaction().execute(async (trx) => {
      for (const [i, row] of rows.entries()) {
        await trx
          .updateTable('deadlines')
          .set({ due_at: new Date(times[i]!).toISOString() })
          .where('deadline_id', '=', row.deadline_id)
          .execute();
      }
    });
    const head = (await store.headPosition())!;
    const scheduled = now();
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await worker.init();
    // The worker's first reconcile adds one job per deadline; wait until it has.
    const queue = new Queue('deadlines', {
      connection: bullConnection(config.redisUrl, 'producer'),
      prefix: config.queuePrefix,
    });
    try {
      for (;;) {
        const counts = await queue.getJobCounts('delayed', 'waiting', 'active', 'completed');
        const total = counts.delayed! + counts.waiting! + counts.active! + counts.completed!;
        if (total >= count) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await queue.close();
    }
    const scheduleMs = now() - scheduled;
    const firstDue = Math.min(...times);
    if (Date.now() > firstDue) {
      throw new Error(`scheduling took ${scheduleMs.toFixed(0)} ms, past the first due time: raise the lead`);
    }
    const profiler = profileTo ? await startProfiler() : undefined;
    // Counted from the event types alone, each row once, on a connection of its own: the worker shares this thread,
    // and parsing every event during the drain would be the benchmark's work charged to the worker.
    const counter = new Database((config.eventStore as { filename: string }).filename, { readonly: true });
    try {
      const since = counter
        .prepare('SELECT position, type FROM events WHERE position > ? ORDER BY position LIMIT 5000')
        .raw(true)
        .safeIntegers(true);
      let seen = 0;
      for (let after = head.commit; seen < count;) {
        const rows = since.all(after) as [bigint, string][];
        for (const [, type] of rows) if (type === 'DeadlineNoticeSent') seen++;
        if (rows.length > 0) after = rows[rows.length - 1]![0];
        await new Promise((resolve) => setTimeout(resolve, rows.length < 5000 ? 100 : 0));
      }
    } finally {
      counter.close();
    }
    if (profiler && profileTo) {
      const profile = await stopProfiler(profiler);
      profiler.disconnect();
      writeFileSync(profileTo, JSON.stringify(profile));
      log(`  CPU profile of the drain written to ${profileTo}`);
      log(summariseProfile(profile, 25));
    }
    const notices: DeadlineNoticeSent['data'][] = [];
    const recordedAt: number[] = [];
    for (let after = head; ;) {
      const page = await store.readAll({ after, maxCount: 5000 });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.type !== 'DeadlineNoticeSent') continue;
        notices.push(event.data as DeadlineNoticeSent['data']);
        recordedAt.push(event.recordedAt.getTime());
      }
      after = page[page.length - 1]!.position;
    }
    // Exactly one notice per deadline, and only reminders.
    const ids = new Set(notices.map((n) => n.deadlineId));
    if (ids.size !== count || notices.length !== count || notices.some((n) => n.step !== 'reminder')) {
      throw new Error(
        `${notices.length} notices for ${ids.size} deadlines: expected one reminder for each of ${count}`,
      );
    }
    const lastAppended = Math.max(...recordedAt);
    const elapsedMs = lastAppended - Math.max(...times);
    const lateness = notices.map((n) => Date.parse(n.sentAt) - Date.parse(n.dueAt));
    return { side: { jobs: count, elapsedMs, perSecond: perSecond(count, elapsedMs), scheduleMs }, lateness };
  } finally {
    await worker?.close();
    const queue = new Queue('deadlines', {
      connection: bullConnection(config.redisUrl, 'producer'),
      prefix: config.queuePrefix,
    });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await store.close();
    await readStore.close();
  }
}
