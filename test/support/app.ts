import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createApp, type CreateAppOptions } from '../../apps/api/src/app';
import { DEMO_PASSWORD, seedDemoUsers, UserDirectory, type UserAccount } from '@liaison/auth';
import { loadConfig, type AppConfig } from '@liaison/app';

export interface RunningApp {
  url: string;
  app: NestFastifyApplication;
  config: AppConfig;
  dataDir: string;
  close(): Promise<void>;
}

/** The real application, listening on a free port, with its own data folder and the machine's Redis. */
export async function startApp(
  env: Record<string, string> = {},
  options: CreateAppOptions = {},
): Promise<RunningApp> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'offices-e2e-'));
  // A low bcrypt cost keeps sign-in fast in tests; production uses the default.
  // No campaign unless a test asks for one: its filing deadlines would otherwise be part of every test's data.
  // No sign-in limits unless a test asks for them: every spec signs in from 127.0.0.1, and the counts live in Redis
  // for a quarter of an hour, across specs and runs.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CAMPAIGN: 'none',
    SIGNIN_LIMIT_ACCOUNT: '0',
    SIGNIN_LIMIT_ADDRESS: '0',
    ...process.env,
    PORT: '0',
    ...env,
    DATA_DIR: dataDir,
  });
  process.env.AUTH_BCRYPT_COST ??= '4';
  const app = await createApp(config, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  await seedDemoUsers(app.get(UserDirectory));
  const url = await app.getUrl();
  return {
    url: url.replace('[::1]', '127.0.0.1'),
    app,
    config,
    dataDir,
    async close() {
      await app.close();
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
      if (env.READ_STORE_URL && env.READ_STORE_SCHEMA) {
        const pool = new Pool({ connectionString: env.READ_STORE_URL });
        await pool.query(`DROP SCHEMA IF EXISTS ${env.READ_STORE_SCHEMA} CASCADE`);
        await pool.end();
      }
    },
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small JSON client for the tests. */
export function client(base: string, defaults: Record<string, string> = {}) {
  const call = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...defaults,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: !text
        ? undefined
        : (response.headers.get('content-type') ?? '').includes('json')
          ? JSON.parse(text)
          : text,
      headers: response.headers,
    } as Reply<T>;
  };
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) =>
      call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
    delete: <T = any>(path: string, headers?: Record<string, string>) =>
      call<T>('DELETE', path, undefined, headers),
    patch: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('PATCH', path, body, headers),
  };
}

export type Client = ReturnType<typeof client>;

/** A client signed in as one of the demo users (libs/auth demo-users). */
export async function signedIn(base: string, username: string): Promise<Client> {
  const reply = await client(base).post('/auth/login', { username, password: DEMO_PASSWORD });
  if (reply.status !== 200) throw new Error(`cannot sign in as ${username}: ${JSON.stringify(reply.body)}`);
  return client(base, { authorization: `Bearer ${reply.body.accessToken}` });
}

/** Registers an account the demo does not have, with the demo password, as an admin would. */
export async function enrol(running: RunningApp, account: UserAccount): Promise<Client> {
  await running.app
    .get(UserDirectory)
    .register(account, DEMO_PASSWORD, { actor: 'admin', role: 'admin', comment: 'enrolled by the test' });
  return signedIn(running.url, account.username);
}

export const RETENTION = {
  justification: '承担对口援助联络服务',
  functions: ['economic-cooperation', 'government-liaison'],
  decoupledFromBusinessEntities: true,
};

export function registration(sponsorUnitId: string, hostCityId: string, extra: Record<string, unknown> = {}) {
  return { name: `${sponsorUnitId} 驻 ${hostCityId} 办事处`, sponsorUnitId, hostCityId, ...extra };
}

/**
 * The Redis a spec that flushes or inspects its own database uses: the server of REDIS_URL (default the local one)
 * with the database number given, so specs do not share keys and the suite can run beside another service.
 */
export function specRedisUrl(database: number): string {
  const url = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  url.pathname = `/${database}`;
  return url.toString();
}
