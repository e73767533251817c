import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OfficeStatus } from '@liaison/domain';
import {
  chained,
  comparePositions,
  SqliteEventStore,
  type ChainedEventStore,
  verifyLog,
  type AppendResult,
  type Position,
} from '@liaison/event-store';
import { officeStreamId } from '@liaison/domain';
import { openReadStore, readCheckpoint, rebuildReadModels } from '@liaison/projections';
import { officeContext } from '@liaison/domain';
import { readModelProjections } from '@liaison/projections';
import { startProfiler, stopProfiler, summariseProfile } from './cpu-profile';
import { eventsOfOffices, planOffice, STEPS_PER_OFFICE, type PlannedOffice } from './office-plans';
import { measureWhatIf, type WhatIfResult } from './what-if';
import { floorRead, keepLog, reusableLog } from './replay-log';
import { fmtInt, log, makeDataDir, now, perSecond, removeDir, RssSampler, withDeadline } from './support';

export interface ReplayOptions {
  events: number;
  dataParent: string;
  keep: boolean;
  /** Where to write a CPU profile of the replay, if wanted (it slows the replay: not for headline figures). */
  profileTo?: string;
  /** A log file kept between runs: generated there once, then reused by runs with as many events. */
  logFile?: string;
}

export interface ReplayResult {
  events: number;
  offices: number;
  generation: { elapsedMs: number; perSecond: number; commits: number; storeMiB: number };
  /** Mean of two passes, one before and one after the replay, so drift during the run shows and evens out. */
  rawRead: {
    pageSize: number;
    /** ÷ the floor: better-sqlite3 stepping through the same rows without parsing (mean of 2, beside each pass). */
    ratio: number;
    elapsedMs: number;
    perSecond: number;
    peakRssMiB: number;
    passes: { elapsedMs: number; perSecond: number }[];
  };
  floor: { elapsedMs: number; perSecond: number };
  subscription: { elapsedMs: number; perSecond: number };
  replay: { elapsedMs: number; perSecond: number; readStoreMiB: number; peakRssMiB: number };
  ratio: number;
  /** `verifyLog` over the same store: every hash chain checked. */
  verify: { elapsedMs: number; perSecond: number; ratio: number };
  /** A what-if (county SLA of half an hour) over the same log; `ratio`: raw read events/s ÷ what-if events/s. */
  whatIf: WhatIfResult & { ratio: number };
  statuses: Record<string, number>;
}

/** New offices per tick; each tick every office in flight appends its next event, so lifecycles overlap. */
const OFFICES_PER_TICK = 1000;
const RAW_PAGE_SIZE = 1000;
const GENERATION_DEADLINE_MS = 20 * 60_000;
const READ_DEADLINE_MS = 10 * 60_000;
const REPLAY_DEADLINE_MS = 20 * 60_000;

export async function runReplay(options: ReplayOptions): Promise<ReplayResult> {
  // As many offices as fit in the events asked for: each holds 8 to 12 events (a task opened adds its due date).
  const context = officeContext();
  let offices = 4 * Math.floor(options.events / eventsOfOffices(4, context));
  while (eventsOfOffices(offices + 1, context) <= options.events) offices++;
  const events = eventsOfOffices(offices, context);
  if (offices === 0) throw new Error(`replay needs at least ${eventsOfOffices(1, context)} events`);
  const dir = makeDataDir(options.dataParent, 'bench-replay-');
  let filename = join(dir, 'events.sqlite');
  try {
    const kept = options.logFile ? reusableLog(options.logFile, events) : undefined;
    let generation: { elapsedMs: number; commits: number; expected: Map<OfficeStatus, number> };
    if (kept && options.logFile) {
      filename = options.logFile;
      generation = { elapsedMs: NaN, commits: NaN, expected: kept.expected };
      log(`  reusing the log of ${fmtInt(events)} events in ${filename}`);
    } else {
      const writer = chained(new SqliteEventStore({ filename }));
      try {
        generation = await withDeadline('generation', GENERATION_DEADLINE_MS, generate(writer, offices));
      } finally {
        await writer.close();
      }
      log(
        `  generated ${fmtInt(events)} events (${fmtInt(offices)} offices) in ${(generation.elapsedMs / 1000).toFixed(1)} s ` +
          `(${fmtInt(perSecond(events, generation.elapsedMs))} events/s, ${fmtInt(generation.commits)} commits; not the measured figure)`,
      );
      if (options.logFile) {
        keepLog(filename, options.logFile, { events, offices, expected: generation.expected });
        filename = options.logFile;
      }
    }
    const generationMs = generation.elapsedMs;
    const storeMiB = databaseMiB(filename);
    // A fresh connection for everything measured, as a rebuild process would open the store.
    const store = new SqliteEventStore({ filename });
    try {
      log('  floor: better-sqlite3 stepping through the same rows, nothing parsed…');
      const floorBefore = floorRead(filename, events);
      log(`  raw read: readAll in pages of ${RAW_PAGE_SIZE}…`);
      const rawRss = new RssSampler();
      const rawBefore = await withDeadline('raw read', READ_DEADLINE_MS, rawRead(store, events));
      const rawPeakRssMiB = rawRss.stop();

      log('  subscription read: subscribeToAll, the path the projector reads through…');
      const subscription = await withDeadline(
        'subscription read',
        READ_DEADLINE_MS,
        subscriptionRead(store, events),
      );

      log('  replay: rebuildReadModels with every read model into a fresh SQLite read store…');
      const readStore = await openReadStore({ kind: 'sqlite', filename: join(dir, 'read-models.sqlite') });
      let profiler: Awaited<ReturnType<typeof startProfiler>> | undefined;
      try {
        if (options.profileTo) profiler = await startProfiler();
        const replayRss = new RssSampler();
        const started = now();
        const result = await withDeadline(
          'replay',
          REPLAY_DEADLINE_MS,
          rebuildReadModels(store, readStore, readModelProjections(officeContext())),
        );
        const elapsedMs = now() - started;
        const replayPeakRssMiB = replayRss.stop();
        // The profile covers the replay alone.
        if (profiler && options.profileTo) {
          const profile = await stopProfiler(profiler);
          writeFileSync(options.profileTo, JSON.stringify(profile));
          log(`  CPU profile of the replay written to ${options.profileTo}`);
          log(summariseProfile(profile, 25));
        }
        log('  raw read again, after the replay…');
        const floorAfter = floorRead(filename, events);
        const rawAfter = await withDeadline('raw read', READ_DEADLINE_MS, rawRead(store, events));
        const rawMs = (rawBefore + rawAfter) / 2;
        const floorMs = (floorBefore + floorAfter) / 2;
        log('  verify: every hash chain of the log…');
        const verifyStarted = now();
        const verified = await withDeadline('verify', READ_DEADLINE_MS, verifyLog(store));
        const verifyMs = now() - verifyStarted;
        if (!verified.intact || verified.events !== events) {
          throw new Error(
            `verify found ${verified.events} events, intact ${verified.intact}: ${JSON.stringify(verified.firstBroken)}`,
          );
        }
        log('  what-if: the log replayed in memory under a county SLA of half an hour…');
        // Its own figure, beside the replay's: a what-if that finds nothing to compare is reported, not fatal.
        const whatIf = await withDeadline('what-if', READ_DEADLINE_MS, measureWhatIf(store, events)).catch(
          (error: unknown): WhatIfResult => {
            log(`  what-if not measured: ${error instanceof Error ? error.message : String(error)}`);
            const nothing = { actual: NaN, variant: NaN };
            return {
              elapsedMs: NaN,
              perSecond: NaN,
              peakRssMiB: NaN,
              deadlines: 0,
              differences: 0,
              overdue: nothing,
            };
          },
        );
        if (result.events !== events)
          throw new Error(`replay applied ${result.events} events, not ${events}`);
        const checkpoint = await readCheckpoint(readStore);
        const head = await store.headPosition();
        if (!checkpoint || !head || comparePositions(checkpoint, head) !== 0) {
          throw new Error(
            `read models stopped at ${String(checkpoint?.commit)}, the log ends at ${String(head?.commit)}`,
          );
        }
        const statuses = await verify(readStore.db, offices, events, generation.expected);
        const readStoreMiB = databaseMiB(join(dir, 'read-models.sqlite'));
        return {
          events,
          offices,
          generation: {
            elapsedMs: generationMs,
            perSecond: perSecond(events, generationMs),
            commits: generation.commits,
            storeMiB,
          },
          rawRead: {
            pageSize: RAW_PAGE_SIZE,
            ratio: floorMs / rawMs,
            elapsedMs: rawMs,
            perSecond: perSecond(events, rawMs),
            peakRssMiB: rawPeakRssMiB,
            passes: [rawBefore, rawAfter].map((ms) => ({ elapsedMs: ms, perSecond: perSecond(events, ms) })),
          },
          floor: { elapsedMs: floorMs, perSecond: perSecond(events, floorMs) },
          subscription: { elapsedMs: subscription, perSecond: perSecond(events, subscription) },
          replay: {
            elapsedMs,
            perSecond: perSecond(events, elapsedMs),
            readStoreMiB,
            peakRssMiB: replayPeakRssMiB,
          },
          ratio: rawMs / elapsedMs,
          verify: { elapsedMs: verifyMs, perSecond: perSecond(events, verifyMs), ratio: rawMs / verifyMs },
          whatIf: { ...whatIf, ratio: rawMs / whatIf.elapsedMs },
          statuses,
        };
      } finally {
        profiler?.disconnect();
        await readStore.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    if (!options.keep) removeDir(dir);
  }
}

/**
 * Writes the log the way the service would over time: office lifecycles overlap, so consecutive events mostly
 * belong to different offices (as in a real log, where an office's steps are days apart). Each tick's appends are
 * issued together, so group commit writes up to 1000 of them per transaction.
 */
export async function generate(
  store: ChainedEventStore<SqliteEventStore>,
  offices: number,
): Promise<{ elapsedMs: number; commits: number; expected: Map<OfficeStatus, number> }> {
  const context = officeContext();
  const perTick = Math.min(OFFICES_PER_TICK, offices);
  const ticks = Math.ceil(offices / perTick) + STEPS_PER_OFFICE - 1;
  const epoch = Date.parse('2015-09-01T01:00:00.000Z');
  const hour = 3_600_000;
  const expected = new Map<OfficeStatus, number>();
  const inFlight: { office: PlannedOffice; startTick: number }[] = [];
  const commitsBefore = store.storage.commits;
  const started = now();
  let planned = 0;
  let lastReport = started;
  for (let tick = 0; tick < ticks; tick++) {
    for (let i = 0; i < perTick && planned < offices; i++, planned++) {
      const startTick = tick;
      const office = planOffice(planned, context, (step) =>
        new Date(epoch + (startTick + step) * hour).toISOString(),
      );
      expected.set(office.finalStatus, (expected.get(office.finalStatus) ?? 0) + 1);
      inFlight.push({ office, startTick });
    }
    const appends: Promise<AppendResult>[] = [];
    for (const { office, startTick } of inFlight) {
      const { revision, events } = office.steps[tick - startTick]!;
      appends.push(
        store.append(officeStreamId(office.officeId), events, {
          expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1),
        }),
      );
    }
    await Promise.all(appends);
    while (inFlight.length > 0 && tick - inFlight[0]!.startTick >= STEPS_PER_OFFICE - 1) inFlight.shift();
    if (now() - lastReport > 10_000) {
      lastReport = now();
      log(`    … tick ${tick + 1}/${ticks}`);
    }
  }
  return { elapsedMs: now() - started, commits: store.storage.commits - commitsBefore, expected };
}

/** Pages through the whole log with readAll; returns the time taken. */
export async function rawRead(store: SqliteEventStore, expected: number): Promise<number> {
  let after: Position | undefined;
  let events = 0;
  const started = now();
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: RAW_PAGE_SIZE });
    if (page.length === 0) break;
    events += page.length;
    after = page[page.length - 1]!.position;
  }
  const elapsedMs = now() - started;
  if (events !== expected) throw new Error(`raw read returned ${events} events, not ${expected}`);
  return elapsedMs;
}

/** Time to iterate the whole log through subscribeToAll without projecting: the projector's read cost. */
async function subscriptionRead(store: SqliteEventStore, events: number): Promise<number> {
  const started = now();
  let seen = 0;
  for await (const _event of store.subscribeToAll()) {
    if (++seen === events) break;
  }
  return now() - started;
}

/** A wrong replay must not yield a figure: the read model has to hold exactly what the domain's fold says. */
async function verify(
  db: Awaited<ReturnType<typeof openReadStore>>['db'],
  offices: number,
  events: number,
  expected: Map<OfficeStatus, number>,
): Promise<Record<string, number>> {
  const totals = await db
    .selectFrom('offices')
    .select((eb) => [eb.fn.countAll<number>().as('offices'), eb.fn.sum<number>('version').as('events')])
    .executeTakeFirstOrThrow();
  if (Number(totals.offices) !== offices || Number(totals.events) !== events) {
    throw new Error(
      `read model holds ${totals.offices} offices and ${totals.events} applied events; expected ${offices} and ${events}`,
    );
  }
  const rows = await db
    .selectFrom('offices')
    .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const statuses = Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  const want = Object.fromEntries(expected);
  const keys = new Set([...Object.keys(statuses), ...Object.keys(want)]);
  for (const key of keys) {
    if (statuses[key] !== want[key]) {
      throw new Error(
        `read model statuses ${JSON.stringify(statuses)} differ from the domain's ${JSON.stringify(want)}`,
      );
    }
  }
  const progress = await db
    .selectFrom('offices')
    .select((eb) => [
      eb.fn.sum<number>('assets_total').as('assets'),
      eb.fn.sum<number>('assets_disposed').as('disposed'),
      eb.fn.sum<number>('staff_total').as('staff'),
      eb.fn.sum<number>('staff_placed').as('placed'),
    ])
    .where('status', '=', 'closed')
    .executeTakeFirstOrThrow();
  if (
    Number(progress.assets) !== Number(progress.disposed) ||
    Number(progress.staff) !== Number(progress.placed)
  ) {
    throw new Error(`closed offices with undisposed assets or unplaced staff: ${JSON.stringify(progress)}`);
  }
  return statuses;
}

/** Logical size of a SQLite file, WAL included: a second, read-only connection sees what is committed. */
export function databaseMiB(filename: string): number {
  const db = new Database(filename, { readonly: true });
  try {
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return (pages * pageSize) / 2 ** 20;
  } finally {
    db.close();
  }
}
