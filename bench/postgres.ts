import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { officeContext, officeStreamId } from '@liaison/domain';
import {
  httpCommands,
  rawAppends,
  type BaselineRound,
  type CommandsOptions,
  type SubjectRound,
} from './commands';
import { planOffice } from './office-plans';
import {
  fmtInt,
  fmtMs,
  fmtRatio,
  log,
  now,
  percentile,
  perSecond,
  sortedCopy,
  table,
  withDeadline,
} from './support';

export interface PostgresOptions {
  /** The server, e.g. postgres://postgres@127.0.0.1:5432/test: everything goes in fresh schemas, dropped after. */
  url: string;
  commands: number;
  concurrency: number;
  rounds: number;
  dataParent: string;
  keep: boolean;
  redisUrl: string;
}

export interface FloorRound {
  inserts: number;
  elapsedMs: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface PostgresResult {
  server: string;
  /** Medians by rate of each side over the rounds. */
  floor: FloorRound;
  appends: BaselineRound;
  commands: SubjectRound;
  /** Raw appends/s ÷ the floor's inserts/s: what the store costs over the server's own durable write. */
  appendsOverFloor: number;
  /** HTTP commands/s ÷ raw appends/s (aim ≥ 1×, as on SQLite). */
  commandsOverAppends: number;
  rounds: { floor: FloorRound; appends: BaselineRound; commands: SubjectRound }[];
}

const FLOOR_DEADLINE_MS = 10 * 60_000;

/**
 * Durable appends on PostgreSQL, three sides alternated per round on the same server: the floor (one single-row
 * INSERT of an event's size, committed, at a time), raw single-event appends through the hash chain (each awaited,
 * so group commit has nothing to batch), and the API's HTTP commands with both stores on the server.
 */
export async function runPostgres(options: PostgresOptions): Promise<PostgresResult> {
  const tag = `bench_${randomBytes(3).toString('hex')}`;
  let made = 0;
  const postgres: NonNullable<CommandsOptions['postgres']> = {
    url: options.url,
    schema: (label) => `${tag}_${label}_${made++}`,
    drop: (schemas) => dropSchemas(options.url, schemas),
  };
  const common: CommandsOptions = { ...options, postgres, redisUrl: options.redisUrl };
  const server = await serverVersion(options.url);
  log(`  ${server}`);
  const rounds: PostgresResult['rounds'] = [];
  for (let round = 1; round <= options.rounds; round++) {
    if (options.rounds > 1) log(`  round ${round}/${options.rounds}`);
    const floor = await insertFloor(options, postgres);
    const appends = await rawAppends(common);
    const commands = await httpCommands(common);
    rounds.push({ floor, appends, commands });
  }
  const floor = median(rounds.map((r) => r.floor));
  const appends = median(rounds.map((r) => r.appends));
  const commands = median(rounds.map((r) => r.commands));
  return {
    server,
    floor,
    appends,
    commands,
    appendsOverFloor: appends.perSecond / floor.perSecond,
    commandsOverAppends: commands.perSecond / appends.perSecond,
    rounds,
  };
}

/** One INSERT + COMMIT at a time of a row the size of a registration's event: the server's durable-write floor. */
async function insertFloor(
  options: PostgresOptions,
  postgres: NonNullable<CommandsOptions['postgres']>,
): Promise<FloorRound> {
  const schema = postgres.schema('floor');
  const client = new Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(
      `CREATE TABLE ${schema}.floor (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL)`,
    );
    const context = officeContext();
    const body = (i: number) => {
      const office = planOffice(i, context, () => new Date().toISOString());
      return JSON.stringify({ stream: officeStreamId(office.officeId), event: office.events[0] });
    };
    const insert = { name: 'floor-insert', text: `INSERT INTO ${schema}.floor (body) VALUES ($1)` };
    for (let i = 0; i < 100; i++) await client.query({ ...insert, values: [body(i)] });
    const bodies = Array.from({ length: options.commands }, (_v, i) => body(100 + i));
    const latencies = new Float64Array(bodies.length);
    log(`  floor: ${fmtInt(bodies.length)} single-row INSERTs, each its own commit…`);
    const started = now();
    await withDeadline(
      'INSERT floor',
      FLOOR_DEADLINE_MS,
      (async () => {
        for (let i = 0; i < bodies.length; i++) {
          const t = now();
          await client.query({ ...insert, values: [bodies[i]] });
          latencies[i] = now() - t;
        }
      })(),
    );
    const elapsedMs = now() - started;
    const sorted = sortedCopy(latencies);
    return {
      inserts: bodies.length,
      elapsedMs,
      perSecond: perSecond(bodies.length, elapsedMs),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
    };
  } finally {
    await client.end();
    if (!options.keep) await postgres.drop([schema]);
  }
}

async function serverVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string; sync: string; fsync: string }>(
      `SELECT version() AS version, current_setting('synchronous_commit') AS sync, current_setting('fsync') AS fsync`,
    );
    const { version, sync, fsync } = rows[0]!;
    return `${version.split(' on ')[0]}; synchronous_commit=${sync}, fsync=${fsync}`;
  } finally {
    await client.end();
  }
}

async function dropSchemas(url: string, schemas: string[]): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await pool.end();
  }
}

function median<T extends { perSecond: number }>(results: T[]): T {
  const sorted = [...results].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The figures as run.ts prints them; returns the summary row. */
export function printPostgres(result: PostgresResult): string[] {
  const { floor, appends, commands } = result;
  log('');
  log(`Durable appends on PostgreSQL (${result.server})`);
  const rows = [['', 'count', 'time', 'per second', 'p50', 'p99', 'events/commit']];
  const several = result.rounds.length > 1;
  result.rounds.forEach((round, i) => {
    const tag = several ? ` #${i + 1}` : '';
    rows.push(
      [
        `INSERT + COMMIT, one row (floor)${tag}`,
        fmtInt(round.floor.inserts),
        fmtMs(round.floor.elapsedMs),
        fmtInt(round.floor.perSecond),
        fmtMs(round.floor.p50Ms),
        fmtMs(round.floor.p99Ms),
        '1.00',
      ],
      [
        `raw appends (sequential, awaited)${tag}`,
        fmtInt(round.appends.appends),
        fmtMs(round.appends.elapsedMs),
        fmtInt(round.appends.perSecond),
        fmtMs(round.appends.p50Ms),
        fmtMs(round.appends.p99Ms),
        (round.appends.appends / round.appends.commits).toFixed(2),
      ],
      [
        `HTTP commands (${round.commands.concurrency} clients)${tag}`,
        fmtInt(round.commands.commands),
        fmtMs(round.commands.elapsedMs),
        fmtInt(round.commands.perSecond),
        fmtMs(round.commands.p50Ms),
        fmtMs(round.commands.p99Ms),
        round.commands.eventsPerCommit.toFixed(2),
      ],
    );
  });
  log(table(rows));
  log(`  raw appends/s ÷ INSERT floor/s = ${fmtRatio(result.appendsOverFloor)}`);
  log(`  commands/s ÷ raw appends/s = ${fmtRatio(result.commandsOverAppends)} (aim ≥ 1×)`);
  if (commands.lagging > 0) log(`  ${fmtInt(commands.lagging)} replies said the read models lagged`);
  return [
    'durable commands, PostgreSQL',
    `${fmtInt(appends.perSecond)} appends/s (floor ${fmtInt(floor.perSecond)} inserts/s)`,
    `${fmtInt(commands.perSecond)} commands/s`,
    fmtRatio(result.commandsOverAppends),
  ];
}
