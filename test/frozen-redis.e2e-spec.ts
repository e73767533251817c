import { spawn, type ChildProcess } from 'node:child_process';
import { DEMO_PASSWORD } from '@liaison/auth';
import { client, startApp, type RunningApp } from './support/app';
import { freePort } from './support/processes';

/**
 * A Redis that is frozen (SIGSTOP: the socket stays open, nothing answers) rather than down: every probe must still
 * answer, Redis down, within the check's time-out, for the public and the administrator's view alike.
 */
let redis: ChildProcess;
let running: RunningApp;

beforeAll(async () => {
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await waitForRedis(port);
  running = await startApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
}, 30_000);

afterAll(async () => {
  redis.kill('SIGCONT');
  await running?.close();
  redis.kill('SIGTERM');
});

async function waitForRedis(port: number): Promise<void> {
  const { Redis } = await import('ioredis');
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
    const up = await probe.connect().then(
      () => probe.ping().then(() => true),
      () => false,
    );
    probe.disconnect();
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis-server on ${port} did not start`);
}

/** The probe's answer, or `hung` when none came within 10 seconds. */
async function probe(path: string, token?: string) {
  const started = Date.now();
  try {
    const response = await fetch(`${running.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { redis?: { status?: string } };
    return { path, status: response.status, redis: body.redis?.status, ms: Date.now() - started };
  } catch (error) {
    return { path, status: 'hung', error: String(error), ms: Date.now() - started };
  }
}

describe('health while Redis is frozen', () => {
  it('answers 503 naming Redis down within seconds, on /health and /health/ready, then recovers', async () => {
    const login = await client(running.url).post('/auth/login', {
      username: 'admin',
      password: DEMO_PASSWORD,
    });
    const token = login.body.accessToken as string;
    expect((await client(running.url).get('/health/ready')).status).toBe(200);
    redis.kill('SIGSTOP');
    const replies = [];
    try {
      for (const [path, as] of [
        ['/health', undefined],
        ['/health/ready', undefined],
        ['/health/ready', token],
        ['/health', token],
      ] as const) {
        replies.push(await probe(path, as));
      }
    } finally {
      redis.kill('SIGCONT');
    }
    for (const reply of replies) {
      expect({ ...reply, ms: undefined }).toEqual({
        path: reply.path,
        status: 503,
        redis: 'down',
        ms: undefined,
      });
      expect(reply.ms).toBeLessThan(6000);
    }
    let ready = 0;
    for (let attempt = 0; attempt < 50 && ready !== 200; attempt += 1) {
      ready = (await client(running.url).get('/health/ready')).status;
      if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(ready).toBe(200);
  }, 90_000);
});
