/**
 * `GET /offices` latency while 16 connections flood `POST /auth/login` with wrong passwords, against the same probe
 * on a quiet server: does password hashing hold up everybody else's requests? After a build:
 *
 *   node dist/bench/sign-in-flood.js [--seconds=10] [--connections=16] [--cost=10]
 *
 * The API runs as a child process (dist/apps/api/src/main.js, demo data, SQLite, REDIS_URL) so the load generator
 * does not share its event loop; sign-in limits are off so that every attempt is hashed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fmtMs, fmtRatio, log, makeDataDir, now, percentile, removeDir, sortedCopy, table } from './support';
import { tmpdir } from 'node:os';

interface Answer {
  status: number;
  body: string;
}

function call(agent: Agent, port: number, method: string, path: string, headers = {}, body?: string) {
  return new Promise<Answer>((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...headers,
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', fail);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no reply`)));
    req.on('error', fail);
    req.end(body);
  });
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startServer(port: number, dataDir: string, cost: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [resolve(__dirname, '../apps/api/src/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      CAMPAIGN: 'none',
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: `bench-sign-in-${process.pid}`,
      AUTH_BCRYPT_COST: cost,
      SIGNIN_LIMIT_ACCOUNT: '0',
      SIGNIN_LIMIT_ADDRESS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const agent = new Agent();
  const until = Date.now() + 120_000;
  for (;;) {
    const ready = await call(agent, port, 'GET', '/health/live').catch(() => undefined);
    if (ready?.status === 200) break;
    if (Date.now() > until || child.exitCode !== null) throw new Error('the API did not start');
    await new Promise((wait) => setTimeout(wait, 200));
  }
  agent.destroy();
  return child;
}

/** Sequential `GET /offices` on one keep-alive connection for `ms`; latencies in ms. */
async function probe(port: number, token: string, ms: number): Promise<Float64Array> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  const end = now() + ms;
  while (now() < end) {
    const start = now();
    const answer = await call(agent, port, 'GET', '/offices?pageSize=20', {
      authorization: `Bearer ${token}`,
    });
    if (answer.status !== 200) throw new Error(`GET /offices: ${answer.status} ${answer.body}`);
    latencies.push(now() - start);
  }
  agent.destroy();
  return sortedCopy(latencies);
}

/** `connections` loops of wrong-password sign-ins until `stop` is set; how many were answered. */
function flood(port: number, connections: number, stop: { done: boolean }): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const body = JSON.stringify({ username: 'clerk.nanyang', password: 'not-the-password' });
  let answered = 0;
  const loop = async () => {
    while (!stop.done) {
      const answer = await call(agent, port, 'POST', '/auth/login', {}, body);
      if (answer.status !== 401) throw new Error(`sign-in: ${answer.status} ${answer.body}`);
      answered++;
    }
  };
  return Promise.all(Array.from({ length: connections }, loop)).then(() => {
    agent.destroy();
    return answered;
  });
}

function summary(latencies: Float64Array) {
  return { n: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      cost: { type: 'string', default: '10' },
    },
  });
  const ms = Number(values.seconds) * 1000;
  const connections = Number(values.connections);
  const dataDir = makeDataDir(tmpdir(), 'bench-sign-in-');
  const port = await freePort();
  const server = await startServer(port, join(dataDir, 'data'), values.cost!);
  try {
    const signIn = await call(
      new Agent(),
      port,
      'POST',
      '/auth/login',
      {},
      JSON.stringify({ username: 'clerk.nanyang', password: 'demo-password' }),
    );
    const token = (JSON.parse(signIn.body) as { accessToken: string }).accessToken;
    await probe(port, token, 2000); // warm-up
    log(`quiet probe, ${values.seconds} s`);
    const quiet = summary(await probe(port, token, ms));
    log(`probe under a ${connections}-connection sign-in flood, ${values.seconds} s`);
    const stop = { done: false };
    const started = now();
    const flooding = flood(port, connections, stop);
    await new Promise((wait) => setTimeout(wait, 1000)); // let the flood reach its pace
    const loaded = summary(await probe(port, token, ms));
    stop.done = true;
    const signIns = await flooding;
    const elapsed = (now() - started) / 1000;
    console.log(
      table([
        ['GET /offices', 'requests', 'p50', 'p99'],
        ['quiet (baseline)', String(quiet.n), fmtMs(quiet.p50), fmtMs(quiet.p99)],
        ['under the flood (subject)', String(loaded.n), fmtMs(loaded.p50), fmtMs(loaded.p99)],
        ['subject ÷ baseline', '', fmtRatio(loaded.p50 / quiet.p50), fmtRatio(loaded.p99 / quiet.p99)],
      ]),
    );
    console.log(
      `sign-ins answered: ${signIns} in ${elapsed.toFixed(1)} s (${(signIns / elapsed).toFixed(1)}/s)`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
    removeDir(dataDir);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
