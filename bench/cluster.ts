import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { runRaces, Sender, signInAll } from './cluster-load';
import { Cluster, type Proc } from './cluster-processes';
import { cpuMs, handOver, heldBy, leaseState, readModelsAt, sampleLag } from './cluster-probes';
import { fmtInt, log, makeDataDir, now, percentile, perSecond, removeDir, sortedCopy } from './support';

export interface ClusterOptions {
  /** The PostgreSQL server of both stores: every side in fresh schemas, dropped after. */
  url: string;
  redisUrl: string;
  /** Offices per timed side: four commands each (registration, retention request, two racing decisions). */
  offices: number;
  concurrency: number;
  rounds: number;
  /** kill -9 of the projecting worker, this many times, for the hand-over figure. */
  kills: number;
  dataParent: string;
  keep: boolean;
}

export interface ClusterSide {
  apis: number;
  /** Commands answered (2xx, and the race's losing 409s) in the timed part. */
  commands: number;
  elapsedMs: number;
  perSecond: number;
  /** CPU of the API, worker and HAProxy processes over the timed part, per command (PostgreSQL's not counted). */
  cpuMsPerCommand: number;
  /** The same CPU as a share of the machine's cores over the timed part. */
  cpuShare: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** From an event's recording to the read models showing it, sampled every 20 ms. */
  lagP50Ms: number;
  lagP99Ms: number;
}

export interface ClusterResult {
  cores: number;
  one: ClusterSide;
  two: ClusterSide;
  /** Commands/s through the balancer with two APIs ÷ with one (medians by rate). */
  ratio: number;
  /** Each kill -9 of the projecting worker: ms until another one moves the read models on. */
  handOverMs: number[];
  /** Whether the read store had a projection lease (else both workers project, the hand-over is immediate). */
  lease: boolean;
  rounds: { one: ClusterSide; two: ClusterSide }[];
}

/**
 * Commands through HAProxy to one API and to two (one worker feeding the read models in both), alternated per
 * round, then kill -9 of the worker holding the projection lease under load, and the time the read models stand
 * still. Everything runs on this machine: two APIs share its cores with the balancer, the worker, PostgreSQL and
 * Redis, so the ratio says what a second instance buys here, not on a second machine.
 */
export async function runCluster(options: ClusterOptions): Promise<ClusterResult> {
  const cores = (await import('node:os')).availableParallelism();
  const rounds: ClusterResult['rounds'] = [];
  for (let round = 1; round <= options.rounds; round++) {
    if (options.rounds > 1) log(`  round ${round}/${options.rounds}`);
    const one = await side(options, 1, cores);
    const two = await side(options, 2, cores);
    rounds.push({ one, two });
  }
  const one = median(rounds.map((r) => r.one));
  const two = median(rounds.map((r) => r.two));
  const { handOverMs, lease } = await kills(options);
  return { cores, one, two, ratio: two.perSecond / one.perSecond, handOverMs, lease, rounds };
}

interface Deployment {
  cluster: Cluster;
  pool: Pool;
  events: string;
  readModels: string;
  close(): Promise<void>;
}

async function deploy(options: ClusterOptions, apis: number, workers: number): Promise<Deployment> {
  const tag = `bench_cluster_${randomBytes(3).toString('hex')}`;
  const dir = makeDataDir(options.dataParent, 'bench-cluster-');
  const events = `${tag}_events`;
  const readModels = `${tag}_read`;
  const cluster = new Cluster({
    apis,
    workers,
    dir,
    env: {
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: options.url,
      EVENT_STORE_SCHEMA: events,
      READ_STORE_URL: options.url,
      READ_STORE_SCHEMA: readModels,
      PROJECTIONS: 'external',
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: tag,
      AUTH_SECRET: randomBytes(36).toString('base64'),
      AUTH_BCRYPT_COST: '4',
      SEED_DEMO: 'true',
      CAMPAIGN: 'none',
      SIGNIN_LIMIT_ACCOUNT: '0',
      SIGNIN_LIMIT_ADDRESS: '0',
      LOG_LEVEL: 'error',
      DATA_DIR: dir,
    },
  });
  const pool = new Pool({ connectionString: options.url, max: 2 });
  log(`  ${apis} API(s), ${workers} worker(s) behind HAProxy: starting…`);
  try {
    await cluster.start();
  } catch (error) {
    await cluster.stop(); // what did start
    await pool.end();
    throw error;
  }
  return {
    cluster,
    pool,
    events,
    readModels,
    async close() {
      await cluster.stop();
      if (!options.keep) {
        for (const schema of [events, readModels])
          await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        removeDir(dir);
      }
      await pool.end();
    },
  };
}

async function side(options: ClusterOptions, apis: number, cores: number): Promise<ClusterSide> {
  const deployment = await deploy(options, apis, 1);
  const { cluster, pool } = deployment;
  try {
    const warm = new Sender(cluster.url);
    const tokens = await signInAll(warm);
    await runRaces(warm, tokens, options.concurrency, options.concurrency);
    const procs = [...cluster.apis, ...cluster.workers, cluster.balancerProc].map((proc) => proc?.child.pid);
    const cpuBefore = procs.reduce<number>((sum, pid) => sum + cpuMs(pid), 0);
    const lag = sampleLag(pool, deployment.events, deployment.readModels);
    const sender = new Sender(cluster.url);
    const started = now();
    await runRaces(sender, tokens, options.offices, options.concurrency);
    const elapsedMs = now() - started;
    const cpu = procs.reduce<number>((sum, pid) => sum + cpuMs(pid), 0) - cpuBefore;
    const lags = sortedCopy(await lag.stop());
    const latencies = sortedCopy(sender.latencies);
    const commands = options.offices * 4;
    const result: ClusterSide = {
      apis,
      commands,
      elapsedMs,
      perSecond: perSecond(commands, elapsedMs),
      cpuMsPerCommand: cpu / commands,
      cpuShare: cpu / elapsedMs / cores,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      lagP50Ms: percentile(lags, 50),
      lagP99Ms: percentile(lags, 99),
    };
    log(
      `  ${apis} API(s): ${fmtInt(commands)} commands in ${(elapsedMs / 1000).toFixed(1)} s, ` +
        `${result.perSecond.toFixed(1)}/s, ${result.cpuMsPerCommand.toFixed(1)} ms CPU each, lag p99 ${result.lagP99Ms.toFixed(0)} ms`,
    );
    return result;
  } finally {
    await deployment.close();
  }
}

/** Two APIs and two workers under load; kill -9 of the worker feeding the read models, `kills` times. */
async function kills(options: ClusterOptions): Promise<{ handOverMs: number[]; lease: boolean }> {
  const deployment = await deploy(options, 2, 2);
  const { cluster, pool, readModels } = deployment;
  const handOverMs: number[] = [];
  let lease = false;
  try {
    const sender = new Sender(cluster.url);
    const tokens = await signInAll(sender);
    let loading = true;
    const load = (async () => {
      while (loading) await runRaces(sender, tokens, options.concurrency, options.concurrency);
    })();
    // Held until the finally below: a rejection meanwhile must not end the process with the cluster still up.
    load.catch(() => {});
    try {
      for (let i = 0; i < options.kills; i++) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const state = await leaseState(pool, readModels);
        lease = state !== undefined;
        const index = Math.max(
          0,
          cluster.workers.findIndex((proc) => heldBy(state, proc?.child.pid)),
        );
        const victim = cluster.workers[index] as Proc;
        const killedAt = now();
        victim.child.kill('SIGKILL');
        await victim.exited;
        const before = { at: await readModelsAt(pool, readModels), ...(state ? { lease: state } : {}) };
        const ms = await handOver(pool, readModels, killedAt, before);
        handOverMs.push(ms);
        log(
          `  kill -9 of worker ${index + 1}${lease ? ' (the lease holder)' : ''}: read models moving again after ${ms.toFixed(0)} ms`,
        );
        await cluster.startWorker(index);
      }
    } finally {
      loading = false;
      await load;
    }
    return { handOverMs, lease };
  } finally {
    await deployment.close();
  }
}

function median(sides: ClusterSide[]): ClusterSide {
  const sorted = [...sides].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
