import { Redis } from 'ioredis';
import { DEMO_PASSWORD } from '@liaison/auth';
import { client, specRedisUrl, startApp, type RunningApp } from './support/app';

// Failed sign-ins counted in the service's Redis, per account and per client address.
const PREFIX = `sign-in-limits-e2e-${process.pid}`;
const REDIS_URL = specRedisUrl(8);

let running: RunningApp;
let redis: Redis;
const login = (username: string, password: string) =>
  client(running.url).post('/auth/login', { username, password });

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  running = await startApp({
    REDIS_URL,
    QUEUE_PREFIX: PREFIX,
    SIGNIN_LIMIT_ACCOUNT: '3',
    SIGNIN_LIMIT_ADDRESS: '8',
    SIGNIN_LIMIT_WINDOW_SECONDS: '60',
  });
});

beforeEach(async () => {
  const keys = await redis.keys(`${PREFIX}:signin:*`);
  if (keys.length) await redis.del(...keys);
});

afterAll(async () => {
  await running.close();
  redis.disconnect();
});

describe('sign-in rate limits', () => {
  it('after 3 failures an account answers 429 with Retry-After, even to the right password', async () => {
    // Another spelling of the same username shares its count.
    for (const name of ['clerk.xichuan', 'Clerk.Xichuan', ' CLERK.XICHUAN ']) {
      expect((await login(name, 'wrong-password')).status).toBe(401);
    }

    const refused = await login('clerk.xichuan', DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'too-many-sign-ins' });
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    // Counted in Redis, where every API process sees it.
    expect(await redis.exists(`${PREFIX}:signin:account:clerk.xichuan`)).toBe(1);
    // Another account from the same address still signs in.
    expect((await login('clerk.xixia', DEMO_PASSWORD)).status).toBe(200);
  });

  it('answers an unknown username exactly as an existing one, so the 429 reveals nothing', async () => {
    const answers = async (username: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await login(username, 'wrong-password')).status);
      const last = await login(username, 'wrong-password');
      return { statuses, body: last.body, retryAfter: last.headers.has('retry-after') };
    };
    const existing = await answers('approver.xichuan');
    const unknown = await answers('nobody.here');
    expect(existing.statuses).toStrictEqual([401, 401, 401, 429]);
    expect(unknown).toStrictEqual(existing);
  });

  it('a successful sign-in clears the account’s count', async () => {
    for (let i = 0; i < 2; i++) expect((await login('approver.xixia', 'wrong-password')).status).toBe(401);
    expect((await login('approver.xixia', DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login('approver.xixia', 'wrong-password')).status).toBe(401);
    expect((await login('approver.xixia', DEMO_PASSWORD)).status).toBe(200);
  });

  it('after 8 failures from one address, every account answers 429 from it', async () => {
    const names = ['a.one', 'a.two', 'a.three', 'a.four'];
    for (const name of names) {
      for (let i = 0; i < 2; i++) expect((await login(name, 'wrong-password')).status).toBe(401);
    }
    const refused = await login('admin', DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await redis.exists(`${PREFIX}:signin:address:127.0.0.1`)).toBe(1);
  });

  it('does not take the address from X-Forwarded-For unless TRUST_PROXY says whose to believe', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const anonymous = client(running.url);
    for (let i = 0; i < 8; i++) {
      const spoofed = await anonymous.post(
        '/auth/login',
        { username: `b.${i}`, password: 'x' },
        from(`10.0.0.${i}`),
      );
      expect(spoofed.status).toBe(401);
    }
    expect(
      (await anonymous.post('/auth/login', { username: 'admin', password: DEMO_PASSWORD }, from('10.9.9.9')))
        .status,
    ).toBe(429);

    const behindProxy = await startApp({
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      SIGNIN_LIMIT_ACCOUNT: '3',
      SIGNIN_LIMIT_ADDRESS: '8',
      TRUST_PROXY: '127.0.0.1',
    });
    try {
      const proxied = client(behindProxy.url);
      for (let i = 0; i < 8; i++) {
        expect(
          (await proxied.post('/auth/login', { username: `c.${i}`, password: 'x' }, from('10.0.0.1'))).status,
        ).toBe(401);
      }
      expect(
        (await proxied.post('/auth/login', { username: 'admin', password: DEMO_PASSWORD }, from('10.0.0.1')))
          .status,
      ).toBe(429);
      expect(
        (await proxied.post('/auth/login', { username: 'admin', password: DEMO_PASSWORD }, from('10.0.0.2')))
          .status,
      ).toBe(200);
    } finally {
      await behindProxy.close();
    }
  });
});
