import { join } from 'node:path';
import { chained, SqliteEventStore } from '@liaison/event-store';
import { officeContext } from '@liaison/domain';
import { cityReport, readLog } from '@liaison/projections';
import { eventsOfOffices } from './office-plans';
import { databaseMiB, generate, rawRead } from './replay';
import { fmtInt, log, makeDataDir, now, perSecond, removeDir, RssSampler, withDeadline } from './support';
import { measureWhatIf, type WhatIfResult } from './what-if';

export interface ReportBenchOptions {
  events: number;
  dataParent: string;
  keep: boolean;
}

interface Pass {
  elapsedMs: number;
  perSecond: number;
  peakRssMiB: number;
}

export interface ReportBenchResult {
  events: number;
  offices: number;
  storeMiB: number;
  /** Mean of two passes, one before and one after the folds, so drift during the run shows and evens out. */
  rawRead: Pass & { passes: Pass[] };
  /** Nanyang's report as of the end of the log: one streaming fold; `ratio`: its events/s ÷ the raw read's. */
  report: Pass & { ratio: number; offices: number; at: string };
  whatIf: WhatIfResult & { ratio: number };
}

const GENERATION_DEADLINE_MS = 20 * 60_000;
const READ_DEADLINE_MS = 10 * 60_000;
const CITY = 'henan.nanyang';

async function timedRawRead(store: SqliteEventStore, events: number): Promise<Pass> {
  const rss = new RssSampler();
  const elapsedMs = await withDeadline('raw read', READ_DEADLINE_MS, rawRead(store, events));
  return { elapsedMs, perSecond: perSecond(events, elapsedMs), peakRssMiB: rss.stop() };
}

/**
 * The city's report as of an instant and a what-if, each over the whole generated log (the replay benchmark's),
 * against the raw read of the same store in the same run: both read through readAll page by page and fold in one
 * pass, so the ratio is what the fold costs on top of reading, and the peak RSS whether memory stays bounded.
 */
export async function runReportBench(options: ReportBenchOptions): Promise<ReportBenchResult> {
  const context = officeContext();
  let offices = 4 * Math.floor(options.events / eventsOfOffices(4, context));
  while (eventsOfOffices(offices + 1, context) <= options.events) offices++;
  const events = eventsOfOffices(offices, context);
  if (offices === 0) throw new Error(`report needs at least ${eventsOfOffices(1, context)} events`);
  const dir = makeDataDir(options.dataParent, 'bench-report-');
  const filename = join(dir, 'events.sqlite');
  try {
    const writer = chained(new SqliteEventStore({ filename }));
    try {
      const generation = await withDeadline('generation', GENERATION_DEADLINE_MS, generate(writer, offices));
      log(
        `  generated ${fmtInt(events)} events (${fmtInt(offices)} offices) in ${(generation.elapsedMs / 1000).toFixed(1)} s (not the measured figure)`,
      );
    } finally {
      await writer.close();
    }
    const storeMiB = databaseMiB(filename);
    const store = new SqliteEventStore({ filename });
    try {
      log('  raw read: readAll in pages of 1000…');
      const before = await timedRawRead(store, events);
      log(`  report: ${CITY} as of the end of the log, one streaming fold…`);
      const at = '2030-01-01T00:00:00.000Z';
      const rss = new RssSampler();
      const started = now();
      const report = await withDeadline(
        'report',
        READ_DEADLINE_MS,
        cityReport(readLog(store), at, {
          cityId: CITY,
          jurisdictions: context.jurisdictions,
          hostCities: context.hostCities,
        }),
      );
      const reportMs = now() - started;
      const reportRss = rss.stop();
      // A report that counted nothing measured nothing.
      if (report.city.offices.offices === 0) throw new Error('the report counted no office');
      log('  what-if: the log replayed in memory under a county SLA of half an hour…');
      const whatIf = await withDeadline('what-if', READ_DEADLINE_MS, measureWhatIf(store, events));
      log('  raw read again…');
      const after = await timedRawRead(store, events);
      const rawMs = (before.elapsedMs + after.elapsedMs) / 2;
      return {
        events,
        offices,
        storeMiB,
        rawRead: {
          elapsedMs: rawMs,
          perSecond: perSecond(events, rawMs),
          peakRssMiB: Math.max(before.peakRssMiB, after.peakRssMiB),
          passes: [before, after],
        },
        report: {
          elapsedMs: reportMs,
          perSecond: perSecond(events, reportMs),
          peakRssMiB: reportRss,
          ratio: rawMs / reportMs,
          offices: report.city.offices.offices,
          at,
        },
        whatIf: { ...whatIf, ratio: rawMs / whatIf.elapsedMs },
      };
    } finally {
      await store.close();
    }
  } finally {
    if (!options.keep) removeDir(dir);
  }
}
