/**
 * Benchmarks: `npm run bench` (all four), or `node dist/bench/run.js [commands|replay|inbox|deadlines] [options]`
 * after a build; `--help` lists the options (USAGE below). Results are printed and also written as JSON to
 * bench/results/.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runCluster, type ClusterResult } from './cluster';
import { runCommands, type CommandsResult } from './commands';
import { runConsole, type ConsoleResult } from './console';
import { runInbox } from './inbox';
import type { InboxResult } from './inbox-report';
import { runDeadlines, type DeadlinesResult } from './deadlines';
import { printPostgres, runPostgres, type PostgresResult } from './postgres';
import {
  printCluster,
  printCommands,
  printConsole,
  printDeadlines,
  printInbox,
  printReplay,
  printReport,
} from './print';
import { runReplay, type ReplayResult } from './replay';
import { runReportBench, type ReportBenchResult } from './report';
import { fmtInt, log, machineFacts, table } from './support';

/** Hard stop for the whole run, whatever happens inside. */
const RUN_LIMIT_MS = 60 * 60_000;

const USAGE = `usage: node dist/bench/run.js [commands|replay|inbox|deadlines|postgres|cluster|console|report]... [options]
(npm run bench: the first four, after a build; the others only when named: postgres and cluster on --postgres)

  --quick               small sizes for a smoke run (300 commands, one round, 50,000 events; inbox: 10,000
                        offices, 2,000 open tasks, 200 requests)
  --commands=N          timed HTTP commands and raw appends (default 5,000)
  --concurrency=C       concurrent keep-alive HTTP clients (default 64)
  --rounds=R            alternating baseline/subject rounds of the commands benchmark; medians reported (default 3)
  --events=N            events in the replay log, and in the report benchmark's (default 1,000,000)
  --offices=N           offices in the inbox (and console) data set (default 100,000)
  --open-tasks=N        open tasks among them (default 20,000)
  --sign-ins=N          console: timed sign-ins per approver in Chromium (default 5; --quick 2)
  --requests=N          timed inbox requests per approver and view, on each side (default 2,000)
  --deadlines=N         deadlines due at one moment, and no-op jobs on the baseline side (default 100,000)
  --pending=N           pending deadlines in the lateness run (default 10,000)
  --redis=URL           the Redis the deadline and postgres benchmarks use (default REDIS_URL or redis://127.0.0.1:6379)
  --postgres=URL        the PostgreSQL server of the postgres and cluster benchmarks: durable appends against its INSERT floor
                        and the API's HTTP commands on it, in fresh schemas (default EVENT_STORE_URL)
  --log=PATH            replay: keep the generated log in PATH and reuse it in later runs of as many events
  --cluster-offices=N   offices per side of the cluster benchmark, four commands each (default 100; quick 24)
  --kills=N             kill -9 of the projecting worker under load in the cluster benchmark (default 3)
  --dir=PATH            where the fresh data folders go (default the OS temp folder)
  --keep                keep the data folders
  --profile             CPU-profile the server thread (commands, inbox), the replay and the deadline drain into bench/results/, and
                        print where the time goes (profiling slows them: not for the headline figures)
  --help, -h            this text

Results are printed and also written as JSON to bench/results/.
`;

const BENCHMARKS = [
  'commands',
  'replay',
  'inbox',
  'deadlines',
  'postgres',
  'cluster',
  'console',
  'report',
] as const;
/** Run when none is named: postgres and cluster need a server, console needs Chromium, report repeats the replay's what-if. */
const DEFAULT_BENCHMARKS = BENCHMARKS.filter(
  (name) => !['postgres', 'cluster', 'console', 'report'].includes(name),
);

const FLAGS = {
  help: { type: 'boolean', short: 'h', default: false },
  quick: { type: 'boolean', default: false },
  commands: { type: 'string' },
  concurrency: { type: 'string', default: '64' },
  rounds: { type: 'string' },
  events: { type: 'string' },
  offices: { type: 'string' },
  'open-tasks': { type: 'string' },
  requests: { type: 'string' },
  'sign-ins': { type: 'string' },
  deadlines: { type: 'string' },
  pending: { type: 'string' },
  redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
  postgres: { type: 'string' },
  'cluster-offices': { type: 'string' },
  kills: { type: 'string' },
  dir: { type: 'string', default: tmpdir() },
  log: { type: 'string' },
  keep: { type: 'boolean', default: false },
  profile: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

interface Options {
  which: (typeof BENCHMARKS)[number][];
  deadlines: number;
  pending: number;
  redis: string;
  postgres: string | undefined;
  clusterOffices: number;
  kills: number;
  quick: boolean;
  commands: number;
  concurrency: number;
  rounds: number;
  events: number;
  offices: number;
  openTasks: number;
  requests: number;
  signIns: number;
  dir: string;
  logFile: string | undefined;
  keep: boolean;
  profile: boolean;
}

class UsageError extends Error {}

function readOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's own messages ("Unknown option '--x'", "Option '--dir <value>' argument missing", …).
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const which = positionals.map((arg) => {
    const known = BENCHMARKS.find((name) => name === arg);
    if (!known)
      throw new UsageError(`unknown argument ${arg} (expected ${BENCHMARKS.join(', ')} or --flags)`);
    return known;
  });
  const quick = values.quick;
  // Defaults that depend on --quick are the fallbacks here rather than in FLAGS.
  const count = (name: keyof typeof FLAGS, fallback: number, min: number, max: number) => {
    const text = values[name];
    const value = typeof text === 'string' ? Number(text.replace(/[_,]/g, '')) : fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
    }
    return value;
  };
  const offices = count('offices', quick ? 10_000 : 100_000, 100, 5_000_000);
  return {
    which: which.length > 0 ? which : [...DEFAULT_BENCHMARKS],
    deadlines: count('deadlines', quick ? 10_000 : 100_000, 10, 2_000_000),
    pending: count('pending', quick ? 2_000 : 10_000, 10, 1_000_000),
    redis: values.redis,
    postgres: values.postgres ?? process.env.EVENT_STORE_URL,
    clusterOffices: count('cluster-offices', quick ? 24 : 100, 2, 100_000),
    kills: count('kills', 3, 0, 20),
    quick,
    commands: count('commands', quick ? 300 : 5_000, 10, 1_000_000),
    concurrency: count('concurrency', 64, 1, 1024),
    rounds: count('rounds', quick ? 1 : 3, 1, 20),
    events: count('events', quick ? 50_000 : 1_000_000, 8, 20_000_000),
    offices,
    openTasks: count('open-tasks', Math.floor(offices / 5), 10, offices),
    requests: count('requests', quick ? 200 : 2_000, 10, 1_000_000),
    signIns: count('sign-ins', quick ? 2 : 5, 1, 100),
    dir: resolve(values.dir),
    logFile: values.log === undefined ? undefined : resolve(values.log),
    keep: values.keep,
    profile: values.profile,
  };
}

function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const root = repositoryRoot();
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  mkdirSync(options.dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const machine = machineFacts(options.dir);
  log(
    `machine: ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGiB} GiB, ${machine.kernel}; ` +
      `node ${machine.node}; SQLite ${machine.sqlite}`,
  );
  log(
    `data in ${options.dir}: ${machine.dataFs}, 4 KiB write + fdatasync ${machine.fsyncMs.toFixed(2)} ms (median)` +
      (options.quick ? '; quick run' : ''),
  );
  if (machine.dataFs.startsWith('tmpfs')) log('  warning: tmpfs makes fsync free; use --dir on a real disk');

  const summary: string[][] = [['', 'baseline', 'subject', 'subject ÷ baseline']];
  const results: {
    commands?: CommandsResult;
    replay?: ReplayResult;
    inbox?: InboxResult;
    console?: ConsoleResult;
    deadlines?: DeadlinesResult;
    postgres?: PostgresResult;
    report?: ReportBenchResult;
    cluster?: ClusterResult;
  } = {};
  for (const which of options.which) {
    log('');
    if (which === 'commands') {
      log(
        `commands: ${fmtInt(options.commands)} per side and round, ${options.concurrency} HTTP clients, ` +
          `${options.rounds} round(s)`,
      );
      results.commands = await runCommands({
        commands: options.commands,
        concurrency: options.concurrency,
        rounds: options.rounds,
        dataParent: options.dir,
        keep: options.keep,
        ...(options.profile ? { profileTo: join(resultsDir, `commands-${stamp}.cpuprofile`) } : {}),
      });
      summary.push(printCommands(results.commands));
    } else if (which === 'inbox') {
      log(
        `inbox: ${fmtInt(options.offices)} offices, ${fmtInt(options.openTasks)} open tasks, ` +
          `${fmtInt(options.requests)} requests per approver and view`,
      );
      results.inbox = await runInbox({
        offices: options.offices,
        openTasks: options.openTasks,
        requests: options.requests,
        dataParent: options.dir,
        keep: options.keep,
        ...(options.profile ? { profileTo: join(resultsDir, `inbox-${stamp}.cpuprofile`) } : {}),
      });
      summary.push(printInbox(results.inbox));
    } else if (which === 'console') {
      log(
        `console: ${fmtInt(options.offices)} offices, ${fmtInt(options.openTasks)} open tasks, ` +
          `${options.signIns} sign-ins per approver in Chromium`,
      );
      results.console = await runConsole({
        offices: options.offices,
        openTasks: options.openTasks,
        rounds: options.signIns,
        dataParent: options.dir,
        keep: options.keep,
      });
      summary.push(printConsole(results.console));
    } else if (which === 'postgres') {
      if (!options.postgres) throw new UsageError('postgres: give the server with --postgres=URL');
      log(`postgres: ${fmtInt(options.commands)} per side and round, ${options.rounds} round(s)`);
      results.postgres = await runPostgres({
        url: options.postgres,
        commands: options.commands,
        concurrency: options.concurrency,
        rounds: options.rounds,
        dataParent: options.dir,
        keep: options.keep,
        redisUrl: options.redis,
      });
      summary.push(printPostgres(results.postgres));
    } else if (which === 'cluster') {
      if (!options.postgres) throw new UsageError('cluster: give the server with --postgres=URL');
      log(
        `cluster: ${fmtInt(options.clusterOffices)} offices (four commands each) per side and round, ` +
          `${options.concurrency} clients, ${options.rounds} round(s); ${options.kills} kill(s) -9`,
      );
      results.cluster = await runCluster({
        url: options.postgres,
        redisUrl: options.redis,
        offices: options.clusterOffices,
        concurrency: options.concurrency,
        rounds: options.rounds,
        kills: options.kills,
        dataParent: options.dir,
        keep: options.keep,
      });
      summary.push(printCluster(results.cluster));
    } else if (which === 'deadlines') {
      log(
        `deadlines: ${fmtInt(options.deadlines)} due at one moment; lateness with ${fmtInt(options.pending)} pending`,
      );
      results.deadlines = await runDeadlines({
        deadlines: options.deadlines,
        pending: options.pending,
        dataParent: options.dir,
        keep: options.keep,
        redisUrl: options.redis,
        ...(options.profile ? { profileTo: join(resultsDir, `deadlines-${stamp}.cpuprofile`) } : {}),
      });
      summary.push(printDeadlines(results.deadlines));
    } else if (which === 'report') {
      log(`report: ${fmtInt(options.events)} events`);
      results.report = await runReportBench({
        events: options.events,
        dataParent: options.dir,
        keep: options.keep,
      });
      summary.push(printReport(results.report));
    } else {
      log(`replay: ${fmtInt(options.events)} events`);
      results.replay = await runReplay({
        events: options.events,
        dataParent: options.dir,
        keep: options.keep,
        ...(options.logFile ? { logFile: options.logFile } : {}),
        ...(options.profile ? { profileTo: join(resultsDir, `replay-${stamp}.cpuprofile`) } : {}),
      });
      summary.push(printReplay(results.replay));
    }
  }
  log('');
  log('Summary');
  log(table(summary));
  const file = join(resultsDir, `${stamp}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), machine, options: { ...options, postgres: redacted(options.postgres) }, results }, null, 2)}\n`,
  );
  log(`\nresults written to ${file}`);
}

/** A connection string without its password, for the results file. */
function redacted(url: string | undefined): string | undefined {
  return url?.replace(/^([a-z]+:\/\/[^:@/]+):[^@/]*@/, '$1:***@');
}

const limit = setTimeout(() => {
  process.stderr.write(`benchmarks stopped: over ${RUN_LIMIT_MS / 60_000} minutes\n`);
  process.exit(1);
}, RUN_LIMIT_MS);
limit.unref();

main().then(
  // Explicit exit: a library handle left open (a Redis reconnect timer, say) must not keep the run alive.
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
