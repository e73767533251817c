import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import {
  API_ENTRY,
  CLI_ENTRY,
  Cluster,
  freePort,
  HAPROXY,
  haproxyConfig,
  Proc,
  spawnNode,
  WORKER_ENTRY,
} from '../bench/cluster-processes';
import { runRaces, Sender, signInAll, type OfficeOutcome } from '../bench/cluster-load';
import { specRedisUrl } from './support/app';
import {
  decisionsByOffice,
  duplicateNotices,
  eventsByKey,
  eventually,
  noticesByOffice,
  readModelDifferences,
} from './support/cluster-checks';
import { handOver, heldBy, leaseState, logHead, readModelsAt } from '../bench/cluster-probes';
import { runCli } from './support/processes';

const url =
  process.env.EVENT_STORE_TEST_URL && process.env.READ_STORE_TEST_URL
    ? process.env.EVENT_STORE_TEST_URL
    : undefined;
/** Database 6 of REDIS_URL's server, under a key prefix of this run: no other spec flushes it. */
const REDIS_DB = 6;
const OFFICES = 24;
const LANES = 8;

function requireBuildAndBalancer(): void {
  for (const file of [API_ENTRY, WORKER_ENTRY, CLI_ENTRY]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first (npm test does)`);
  }
  if (!existsSync(HAPROXY)) throw new Error(`${HAPROXY} is missing: install haproxy (.ci/run does)`);
}

if (url) {
  describe('two APIs and two workers behind HAProxy, on PostgreSQL', () => {
    const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), 'cluster-e2e-'));
    const events = `cluster_events_${suffix}`;
    const readModels = `cluster_read_${suffix}`;
    const rebuilt = `cluster_rebuilt_${suffix}`;
    const env: Record<string, string> = {
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: url,
      EVENT_STORE_SCHEMA: events,
      READ_STORE_URL: process.env.READ_STORE_TEST_URL!,
      READ_STORE_SCHEMA: readModels,
      PROJECTIONS: 'external',
      REDIS_URL: specRedisUrl(REDIS_DB),
      QUEUE_PREFIX: `cluster-${suffix}`,
      // Every API signs tokens with the same key, as behind any balancer.
      AUTH_SECRET: randomBytes(36).toString('base64'),
      AUTH_BCRYPT_COST: '4',
      SEED_DEMO: 'true',
      CAMPAIGN: 'none',
      SIGNIN_LIMIT_ACCOUNT: '0',
      SIGNIN_LIMIT_ADDRESS: '0',
      // The first tier has an hour; the second tier's task, opened by the race's winner, is overdue in 2 s, and
      // its three notices go out within the next 2 s: during the load, across the kill.
      TASK_SLA: 'county=1h,municipal=2s,provincial=1h',
      ESCALATION_LADDER: 'reminder=0s,escalation=1s,leading-group=2s',
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
    };
    const pool = new Pool({ connectionString: url, max: 4 });
    const cluster = new Cluster({ env, apis: 2, workers: 2, dir });

    afterAll(async () => {
      await cluster.stop();
      for (const schema of [events, readModels, rebuilt])
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
      const redis = new Redis(env.REDIS_URL!);
      const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('under concurrent registrations and approval races, kill -9 of an API and of the projecting worker loses and duplicates nothing', async () => {
      requireBuildAndBalancer();
      await cluster.start();
      trace('cluster up');
      const sender = new Sender(cluster.url);
      const tokens = await signInAll(sender);

      let crash: Promise<number> | undefined;
      const outcomes: OfficeOutcome[] = await runRaces(sender, tokens, OFFICES, LANES, (registered) => {
        if (registered % 8 === 0) trace(`${registered} registered`);
        if (registered === OFFICES / 3) {
          crash = killAndRestart(cluster, pool, readModels);
          crash.catch(() => {}); // awaited below
        }
      });
      trace(
        `load done: ${sender.acknowledged.length} acknowledged, ${sender.resends} resends ${JSON.stringify(sender.resentOn)}`,
      );
      expect(crash).toBeDefined();
      const handOverMs = await crash!;
      console.log(
        `cluster: projection hand-over after kill -9 of the projecting worker: ${handOverMs.toFixed(0)} ms`,
      );
      expect(sender.resends).toBeGreaterThan(0); // the kill did cut requests off

      // The races: at most one approver's answer is a 2xx, the other is told the task changed; one decision each.
      for (const outcome of outcomes) {
        expect(outcome.race.every((status) => status === 200 || status === 409)).toBe(true);
        expect(outcome.race.filter((status) => status === 200).length).toBeLessThanOrEqual(1);
      }
      const officeIds = outcomes.map((outcome) => outcome.officeId);
      const decisions = await decisionsByOffice(pool, events, officeIds);
      expect(officeIds.filter((id) => decisions.get(id) !== 1)).toEqual([]);

      // Every acknowledged command is in the log exactly once, with the events its reply listed.
      const inLog = await eventsByKey(pool, events, sender.acknowledged);
      const mismatched = sender.acknowledged.filter((ack) => {
        const logged = inLog.get(ack.key) ?? [];
        return logged.length !== ack.events.length || ack.events.some((event) => !logged.includes(event.id));
      });
      expect(mismatched).toEqual([]);

      trace('log checked');
      // Every second-tier task's three notices went out, each once.
      const complete = await eventually(
        'three notices for every second-tier task',
        async () => {
          const notices = await noticesByOffice(pool, events, officeIds);
          return officeIds.every((id) => (notices.get(id) ?? []).length >= 3) ? notices : undefined;
        },
        60_000,
      );
      for (const id of officeIds) {
        expect(complete.get(id)!.sort()).toEqual(['escalation', 'leading-group', 'reminder']);
      }
      expect(await duplicateNotices(pool, events)).toEqual([]);

      trace('notices checked');
      // The read models reach the head, then everything stops and they are set against a rebuild from zero.
      await eventually(
        'read models at the head of the log',
        async () =>
          (await readModelsAt(pool, readModels)) >= (await logHead(pool, events)) ? true : undefined,
        30_000,
      );
      await cluster.stop();
      const head = await logHead(pool, events);
      expect(await readModelsAt(pool, readModels)).toBe(head);

      trace('stopped');
      const verified = await runCli(['verify', '--json'], env);
      expect(verified).toMatchObject({ code: 0 });
      expect(JSON.parse(verified.stdout)).toMatchObject({ intact: true });

      trace('verified');
      const rebuild = await runCli(['rebuild'], { ...env, READ_STORE_SCHEMA: rebuilt });
      expect(rebuild).toMatchObject({ code: 0 });
      expect(await readModelDifferences(pool, readModels, rebuilt)).toEqual([]);
    }, 420_000);
  });
} else {
  describe('a cluster (EVENT_STORE_TEST_URL and READ_STORE_TEST_URL not set: no PostgreSQL configured)', () => {
    it('refuses to start an API in production without the signing key every instance must share', async () => {
      requireBuildAndBalancer();
      const dir = mkdtempSync(join(tmpdir(), 'cluster-e2e-'));
      try {
        const api = spawnNode('api', API_ENTRY, {
          NODE_ENV: 'production',
          AUTH_SECRET: '',
          DATA_DIR: dir,
          PORT: String(await freePort()),
        });
        expect(await api.exited).toBe(1);
        expect(api.log()).toContain('the same for every API process');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);

    it('puts HAProxy in front of two APIs with a configuration it accepts', async () => {
      requireBuildAndBalancer();
      const dir = mkdtempSync(join(tmpdir(), 'cluster-e2e-'));
      try {
        const file = join(dir, 'haproxy.cfg');
        writeFileSync(file, haproxyConfig(await freePort(), [await freePort(), await freePort()]));
        const check = new Proc(
          'haproxy -c',
          spawn(HAPROXY, ['-c', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] }),
        );
        expect({ code: await check.exited, log: check.log() }).toMatchObject({ code: 0 });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

const started = Date.now();
/** Progress lines on stderr with CLUSTER_TRACE=1, to see where the time goes on a slow machine. */
function trace(what: string): void {
  if (process.env.CLUSTER_TRACE)
    process.stderr.write(`cluster +${((Date.now() - started) / 1000).toFixed(1)} s: ${what}\n`);
}

/**
 * kill -9 of the first API and of the worker feeding the read models (the lease holder, where the read store has a
 * lease), then both started again. Resolves to the hand-over time: from the kill until the read models move on,
 * fed by the other worker (under a new lease epoch).
 */
async function killAndRestart(cluster: Cluster, pool: Pool, readModels: string): Promise<number> {
  const lease = await leaseState(pool, readModels);
  const holder = cluster.workers.findIndex((proc) => heldBy(lease, proc?.child.pid));
  if (lease && holder < 0) throw new Error(`no worker holds the lease: ${JSON.stringify(lease)}`);
  const victim = Math.max(holder, 0);
  const killed: Proc[] = [cluster.apis[0]!, cluster.workers[victim]!];
  trace(`kill -9 of api 1 and worker ${victim + 1}${lease ? ' (the lease holder)' : ''}`);
  const killedAt = performance.now();
  for (const proc of killed) proc.child.kill('SIGKILL');
  await Promise.all(killed.map((proc) => proc.exited));
  const before = { at: await readModelsAt(pool, readModels), ...(lease ? { lease } : {}) };
  const ms = await handOver(pool, readModels, killedAt, before);
  trace(`read models moving again after ${ms.toFixed(0)} ms`);
  await Promise.all([cluster.startApi(0), cluster.startWorker(victim)]);
  trace('restarted');
  return ms;
}
