import type { InboxView } from '@liaison/projections';
import { fmtInt, fmtMs, percentile, sortedCopy, table } from './support';

// What the inbox benchmark measures, and its tables.

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
