import type { SqliteEventStore } from '@liaison/event-store';
import { runWhatIf } from '@liaison/application';
import { DEFAULT_ESCALATION_LADDER, OFFICIAL_CALENDAR, officeContext } from '@liaison/domain';
import { now, perSecond, RssSampler } from './support';

export interface WhatIfResult {
  elapsedMs: number;
  perSecond: number;
  peakRssMiB: number;
  deadlines: number;
  differences: number;
  overdue: { actual: number; variant: number };
}

/**
 * A what-if over the whole replay log: a county SLA of half an hour (the generated steps are an hour apart, so county
 * decisions made on time turn overdue), read through readAll and folded in memory, as `npm run what-if` does.
 */
export async function measureWhatIf(store: SqliteEventStore, events: number): Promise<WhatIfResult> {
  const rss = new RssSampler();
  const started = now();
  const report = await runWhatIf(store, {
    jurisdictions: officeContext().jurisdictions,
    actual: { ladder: DEFAULT_ESCALATION_LADDER, calendar: OFFICIAL_CALENDAR },
    variant: { sla: { county: { ms: 1_800_000 } } },
    // The replay log starts on 2015-09-01 and runs an hour per tick.
    period: { from: '2015-08-15T00:00:00.000Z', to: '2016-09-01T00:00:00.000Z' },
  });
  const elapsedMs = now() - started;
  const peakRssMiB = rss.stop();
  if (report.events !== events) throw new Error(`what-if read ${report.events} events, not ${events}`);
  // A what-if that changes nothing measured nothing worth reporting.
  if (report.differences.length === 0 || report.totals.overdue.variant <= report.totals.overdue.actual) {
    throw new Error(`what-if found no difference: ${JSON.stringify(report.totals)}`);
  }
  return {
    elapsedMs,
    perSecond: perSecond(events, elapsedMs),
    peakRssMiB,
    deadlines: report.totals.deadlines,
    differences: report.differences.length,
    overdue: report.totals.overdue,
  };
}
