import type { ClusterResult } from './cluster';
import type { CommandsResult } from './commands';
import type { ConsoleResult } from './console';
import { DRAIN_AIM_MS, LATENESS_AIM_P99_MS, type DeadlinesResult } from './deadlines';
import { breakdownTable, fmtLatency, INBOX_AIM_P99_MS, inboxTable, type InboxResult } from './inbox-report';
import type { ReplayResult } from './replay';
import type { ReportBenchResult } from './report';
import { fmtInt, fmtMs, fmtRatio, log, table } from './support';

// How each benchmark's result reads in the report: the lines BENCHMARKS.md quotes.
export function printDeadlines(result: DeadlinesResult): string[] {
  const { rawDrain, drain, lateness } = result;
  log('');
  log('Deadlines due at one moment: the worker appending one notice each vs no-op BullMQ jobs drained');
  log(
    table([
      ['', 'jobs', 'scheduling (set-up)', 'drain after due', 'per second'],
      [
        'no-op delayed jobs (baseline)',
        fmtInt(rawDrain.jobs),
        fmtMs(rawDrain.scheduleMs),
        fmtMs(rawDrain.elapsedMs),
        fmtInt(rawDrain.perSecond),
      ],
      [
        'deadlines → notices (subject)',
        fmtInt(drain.jobs),
        fmtMs(drain.scheduleMs),
        fmtMs(drain.elapsedMs),
        fmtInt(drain.perSecond),
      ],
    ]),
  );
  log(
    `  drain: ${fmtMs(drain.elapsedMs)} (aim ≤ ${DRAIN_AIM_MS / 1000} s: ${result.aims.withinSeconds ? 'met' : 'missed'}), ` +
      `${result.ratio.toFixed(2)}× the raw drain (aim ≤ 2×: ${result.aims.withinTwiceRaw ? 'met' : 'missed'})`,
  );
  log(
    `  lateness, ${fmtInt(lateness.pending)} deadlines over ${lateness.windowMs / 1000} s: p50 ${lateness.p50Ms.toFixed(0)} ms, ` +
      `p99 ${lateness.p99Ms.toFixed(0)} ms, max ${lateness.maxMs.toFixed(0)} ms ` +
      `(aim p99 < ${LATENESS_AIM_P99_MS} ms: ${result.aims.latenessP99 ? 'met' : 'missed'})`,
  );
  return [
    `deadlines: ${fmtInt(drain.jobs)} due at once`,
    `${fmtMs(rawDrain.elapsedMs)} no-op drain`,
    `${fmtMs(drain.elapsedMs)} notices`,
    `${result.ratio.toFixed(2)}× (time)`,
  ];
}

export function printCommands(result: CommandsResult): string[] {
  const { baseline, subject } = result;
  log('');
  log('Durable commands over HTTP vs raw single-event durable appends');
  const rows = [['', 'count', 'time', 'per second', 'p50', 'p99', 'events/commit']];
  const several = result.rounds.length > 1;
  result.rounds.forEach((round, i) => {
    const tag = several ? ` #${i + 1}` : '';
    rows.push(
      [
        `raw appends (sequential, awaited)${tag}`,
        fmtInt(round.baseline.appends),
        fmtMs(round.baseline.elapsedMs),
        fmtInt(round.baseline.perSecond),
        fmtMs(round.baseline.p50Ms),
        fmtMs(round.baseline.p99Ms),
        (round.baseline.appends / round.baseline.commits).toFixed(2),
      ],
      [
        `HTTP commands (${round.subject.concurrency} clients)${tag}`,
        fmtInt(round.subject.commands),
        fmtMs(round.subject.elapsedMs),
        fmtInt(round.subject.perSecond),
        fmtMs(round.subject.p50Ms),
        fmtMs(round.subject.p99Ms),
        round.subject.eventsPerCommit.toFixed(2),
      ],
    );
  });
  log(table(rows));
  const mix = Object.entries(subject.byKind)
    .map(([kind, count]) => `${kind} ${fmtInt(count)}`)
    .join(', ');
  log(`  mix: ${mix}; max latency ${fmtMs(subject.maxMs)}; ${fmtInt(subject.commits)} event-store commits`);
  if (subject.lagging > 0) log(`  ${fmtInt(subject.lagging)} replies said the read models lagged`);
  log(
    `  ${several ? 'median ' : ''}commands/s ÷ ${several ? 'median ' : ''}raw appends/s = ${fmtInt(subject.perSecond)} ÷ ` +
      `${fmtInt(baseline.perSecond)} = ${fmtRatio(result.ratio)}` +
      (several ? ` (rounds: ${result.rounds.map((round) => fmtRatio(round.ratio)).join(', ')})` : ''),
  );
  return [
    'durable commands',
    `${fmtInt(baseline.perSecond)} appends/s`,
    `${fmtInt(subject.perSecond)} commands/s`,
    fmtRatio(result.ratio),
  ];
}

export function printReplay(result: ReplayResult): string[] {
  log('');
  log(`Replay of ${fmtInt(result.events)} events (${fmtInt(result.offices)} offices) vs raw read`);
  log(
    table([
      ['', 'time', 'events/s', 'peak RSS'],
      [
        'floor: better-sqlite3 rows, nothing parsed, mean of 2',
        fmtMs(result.floor.elapsedMs),
        fmtInt(result.floor.perSecond),
        '',
      ],
      [
        `raw readAll (pages of ${result.rawRead.pageSize}), mean of 2`,
        fmtMs(result.rawRead.elapsedMs),
        fmtInt(result.rawRead.perSecond),
        `${fmtInt(result.rawRead.peakRssMiB)} MiB`,
      ],
      [
        'subscribeToAll, no projection',
        fmtMs(result.subscription.elapsedMs),
        fmtInt(result.subscription.perSecond),
        '',
      ],
      [
        'rebuildReadModels, every read model (SQLite)',
        fmtMs(result.replay.elapsedMs),
        fmtInt(result.replay.perSecond),
        `${fmtInt(result.replay.peakRssMiB)} MiB`,
      ],
      ['verifyLog, every hash chain', fmtMs(result.verify.elapsedMs), fmtInt(result.verify.perSecond), ''],
      [
        'what-if, county SLA of half an hour',
        fmtMs(result.whatIf.elapsedMs),
        fmtInt(result.whatIf.perSecond),
        `${fmtInt(result.whatIf.peakRssMiB)} MiB`,
      ],
    ]),
  );
  log(
    `  event store ${result.generation.storeMiB.toFixed(0)} MiB, read store ${result.replay.readStoreMiB.toFixed(0)} MiB; ` +
      `verified: ${Object.entries(result.statuses)
        .map(([status, count]) => `${status} ${fmtInt(count)}`)
        .join(', ')}`,
  );
  log(
    `  raw read passes (before, after the replay): ` +
      result.rawRead.passes.map((pass) => `${fmtInt(pass.perSecond)} events/s`).join(', '),
  );
  log(
    `  (a) replay events/s ÷ raw read events/s = ${fmtRatio(result.ratio)} (aim ≥ 0.5×, and ≥ 200,000 events/s: ` +
      `${result.ratio >= 0.5 && result.replay.perSecond >= 200_000 ? 'met' : 'missed'})`,
  );
  log(
    `  (b) raw read events/s ÷ floor events/s = ${fmtRatio(result.rawRead.ratio)} (aim ≥ 0.5×: ` +
      `${result.rawRead.ratio >= 0.5 ? 'met' : 'missed'})`,
  );
  log(
    `  replay peak RSS ${fmtInt(result.replay.peakRssMiB)} MiB (aim ≤ 512 MiB: ` +
      `${result.replay.peakRssMiB <= 512 ? 'met' : 'missed'})`,
  );
  log(`  verify events/s ÷ raw read events/s = ${fmtRatio(result.verify.ratio)}`);
  log(
    `  what-if events/s ÷ raw read events/s = ${fmtRatio(result.whatIf.ratio)}; ` +
      `${fmtInt(result.whatIf.deadlines)} deadlines, ${fmtInt(result.whatIf.differences)} changed, overdue ` +
      `${fmtInt(result.whatIf.overdue.actual)} → ${fmtInt(result.whatIf.overdue.variant)}`,
  );
  return [
    `replay ${fmtInt(result.events)} events`,
    `${fmtInt(result.rawRead.perSecond)} events/s`,
    `${fmtInt(result.replay.perSecond)} events/s`,
    fmtRatio(result.ratio),
  ];
}

export function printInbox(result: InboxResult): string[] {
  log('');
  log(
    `Approvers' inbox: GET /tasks (first page of 50) over keep-alive HTTP vs queryInbox on the read store; ` +
      `${fmtInt(result.offices)} offices, ${fmtInt(result.tasks.total)} tasks, ${fmtInt(result.tasks.open)} open`,
  );
  log(inboxTable(result));
  const first = result.cases[0]!;
  log(
    `  ${fmtInt(first.http.count)} timed requests per row and side, one at a time; raw SQL = the two statements ` +
      `queryInbox sends, prepared once`,
  );
  const biggest = result.groups
    .slice(0, 4)
    .map((g) => `${g.group} ${fmtInt(g.open)} (overdue ${fmtInt(g.overdue)}, claimed ${fmtInt(g.claimed)})`)
    .join('; ');
  log(`  open tasks by group (largest): ${biggest}`);
  for (const c of result.cases.filter((c) => c.approver === first.approver)) {
    log(
      `  query plan, ${c.view}: list: ${c.queryPlan.list.join(' / ')}; counts: ${c.queryPlan.counts.join(' / ')}`,
    );
  }
  log('');
  log('Where the time of one request goes (each layer timed on its own)');
  log(breakdownTable(result));
  log(
    `  token check (AuthService.authenticate) p50 ${fmtLatency(result.tokenCheck.p50Ms)}, ` +
      `p99 ${fmtLatency(result.tokenCheck.p99Ms)}; GET /auth/me over HTTP p50 ${fmtLatency(result.floor.p50Ms)}`,
  );
  log(
    `  HTTP max: ${result.cases.map((c) => `${c.approver} ${c.view} ${fmtLatency(c.http.maxMs)}`).join(', ')}`,
  );
  log(
    `  aim: HTTP p99 under ${INBOX_AIM_P99_MS} ms — ${result.aimMet ? 'met' : 'missed'} ` +
      `(pooled p99 ${fmtLatency(result.pooled.http.p99Ms)})`,
  );
  return [
    'inbox GET /tasks, p99 (pooled)',
    `${fmtLatency(result.pooled.direct.p99Ms)} queryInbox`,
    `${fmtLatency(result.pooled.http.p99Ms)} HTTP`,
    `${result.pooled.ratio.p99.toFixed(2)}× (time)`,
  ];
}

export function printConsole(result: ConsoleResult): string[] {
  log('');
  log(
    `Console in Chromium: click on "sign in" to the task list's first page drawn vs GET /tasks alone; ` +
      `${fmtInt(result.offices)} offices, ${fmtInt(result.openTasks)} open`,
  );
  const ms = (spread: { medianMs: number; minMs: number; maxMs: number }) =>
    `${fmtMs(spread.medianMs)} (${fmtMs(spread.minMs)}–${fmtMs(spread.maxMs)})`;
  log(
    table([
      [
        'approver',
        'open in group',
        'rows',
        'GET /tasks',
        'sign-in to header',
        'sign-in to list',
        'list ÷ GET',
      ],
      ...result.cases.map((c) => [
        c.approver,
        fmtInt(c.groupTotal),
        fmtInt(c.rows),
        ms(c.getTasks),
        ms(c.signInToHeader),
        ms(c.signInToAnswer),
        ms(c.signInToList),
        fmtRatio(c.ratio),
      ]),
    ]),
  );
  const first = result.cases[0]!;
  log(
    `  medians (min–max) of ${first.signInToList.count} sign-ins per approver, each in a fresh browser context, and of ` +
      `${first.getTasks.count} requests; aim: list in ≤ ${fmtMs(result.aimMs)}: ${result.aimMet ? 'met' : 'missed'}`,
  );
  const slowest = result.cases.reduce((a, b) => (b.signInToList.medianMs > a.signInToList.medianMs ? b : a));
  return [
    'console: sign-in to task list',
    `${fmtMs(slowest.getTasks.medianMs)} GET /tasks`,
    `${fmtMs(slowest.signInToList.medianMs)} to the list`,
    fmtRatio(slowest.ratio),
  ];
}

export function printReport(result: ReportBenchResult): string[] {
  log('');
  log(
    `The city's report as of an instant and a what-if, over ${fmtInt(result.events)} events ` +
      `(${fmtInt(result.offices)} offices), vs raw read`,
  );
  log(
    table([
      ['', 'time', 'events/s', 'peak RSS (process)'],
      [
        'raw readAll (pages of 1000), mean of 2',
        fmtMs(result.rawRead.elapsedMs),
        fmtInt(result.rawRead.perSecond),
        `${fmtInt(result.rawRead.peakRssMiB)} MiB`,
      ],
      [
        'city report as of an instant, one streaming fold',
        fmtMs(result.report.elapsedMs),
        fmtInt(result.report.perSecond),
        `${fmtInt(result.report.peakRssMiB)} MiB`,
      ],
      [
        'what-if, county SLA of half an hour',
        fmtMs(result.whatIf.elapsedMs),
        fmtInt(result.whatIf.perSecond),
        `${fmtInt(result.whatIf.peakRssMiB)} MiB`,
      ],
    ]),
  );
  log(
    `  event store ${result.storeMiB.toFixed(0)} MiB; raw read passes (before, after): ` +
      result.rawRead.passes.map((pass) => `${fmtInt(pass.perSecond)} events/s`).join(', '),
  );
  log(
    `  report events/s ÷ raw read events/s = ${fmtRatio(result.report.ratio)}; ` +
      `${fmtInt(result.report.offices)} offices in the city's report`,
  );
  log(
    `  what-if events/s ÷ raw read events/s = ${fmtRatio(result.whatIf.ratio)}; ` +
      `${fmtInt(result.whatIf.deadlines)} deadlines, ${fmtInt(result.whatIf.differences)} changed, overdue ` +
      `${fmtInt(result.whatIf.overdue.actual)} → ${fmtInt(result.whatIf.overdue.variant)}`,
  );
  return [
    `report ${fmtInt(result.events)} events`,
    `${fmtInt(result.rawRead.perSecond)} events/s`,
    `${fmtInt(result.report.perSecond)} events/s`,
    fmtRatio(result.report.ratio),
  ];
}

export function printCluster(result: ClusterResult): string[] {
  const { one, two } = result;
  log('');
  log(
    `Commands through HAProxy: two API processes vs one, on ${result.cores} cores shared with everything else`,
  );
  const rows = [
    ['', 'commands', 'time', 'per second', 'p50', 'p99', 'CPU/command', 'CPU of cores', 'lag p50', 'lag p99'],
  ];
  const several = result.rounds.length > 1;
  result.rounds.forEach((round, i) => {
    for (const side of [round.one, round.two]) {
      rows.push([
        `${side.apis} API${side.apis > 1 ? 's' : ''}${several ? ` #${i + 1}` : ''}`,
        fmtInt(side.commands),
        fmtMs(side.elapsedMs),
        side.perSecond.toFixed(1),
        fmtMs(side.latencyP50Ms),
        fmtMs(side.latencyP99Ms),
        fmtMs(side.cpuMsPerCommand),
        `${(side.cpuShare * 100).toFixed(0)}%`,
        fmtMs(side.lagP50Ms),
        fmtMs(side.lagP99Ms),
      ]);
    }
  });
  log(table(rows));
  log(
    `  ${several ? 'median ' : ''}commands/s, two APIs ÷ one = ${two.perSecond.toFixed(1)} ÷ ${one.perSecond.toFixed(1)} = ` +
      `${fmtRatio(result.ratio)}; CPU per command (APIs, worker, HAProxy; not PostgreSQL) ` +
      `${fmtMs(two.cpuMsPerCommand)} vs ${fmtMs(one.cpuMsPerCommand)}`,
  );
  const kills = result.handOverMs.map((ms) => fmtMs(ms)).join(', ');
  log(
    `  kill -9 of the worker feeding the read models: they moved on again after ${kills || 'no kill'}` +
      (result.lease ? ' (a new lease holder)' : ' (no lease: both workers project)'),
  );
  return [
    'cluster: commands through HAProxy',
    `${one.perSecond.toFixed(1)}/s, one API`,
    `${two.perSecond.toFixed(1)}/s, two APIs`,
    fmtRatio(result.ratio),
  ];
}
