import type { INestApplication } from '@nestjs/common';
import { request } from 'node:http';
import { createApp, listen } from '../apps/api/src/app';
import { DEMO_PASSWORD, seedDemoUsers, UserDirectory } from '@liaison/auth';
import { ChainedEventStore, PostgresEventStore, SqliteEventStore } from '@liaison/event-store';
import { EVENT_STORE } from '@liaison/application';
import { type AppConfig } from '@liaison/app';

export interface RunningApi {
  app: INestApplication;
  port: number;
  store: ChainedEventStore<SqliteEventStore | PostgresEventStore>;
  /** POST /auth/login as a demo user on a connection of its own; returns the access token. */
  signIn(username: string): Promise<string>;
}

/**
 * The real API on `config` (a SQLite or PostgreSQL event store), listening, with the demo users seeded. A low bcrypt cost keeps
 * seeding them fast: sign-in is not what the benchmarks measure. Close `app` when done.
 */
export async function startApi(config: AppConfig, requestTimeoutMs: number): Promise<RunningApi> {
  process.env.AUTH_BCRYPT_COST = '4';
  const app = await createApp(config);
  try {
    await listen(app, config);
    await seedDemoUsers(app.get(UserDirectory));
    const address = app.getHttpServer().address();
    if (address === null || typeof address === 'string') {
      throw new Error('the API is not listening on a TCP port');
    }
    const store = app.get<symbol, RunningApi['store']>(EVENT_STORE);
    const { storage } = store;
    if (!(
      store instanceof ChainedEventStore &&
      (storage instanceof SqliteEventStore || storage instanceof PostgresEventStore)
    )) {
      throw new Error('the API is not running on the SQLite or the PostgreSQL event store');
    }
    const port = address.port;
    return { app, port, store, signIn: (username) => signIn(port, username, requestTimeoutMs) };
  } catch (error) {
    await app.close();
    throw error;
  }
}

function signIn(port: number, username: string, timeoutMs: number): Promise<string> {
  const body = JSON.stringify({ username, password: DEMO_PASSWORD });
  return new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/auth/login',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200)
            reject(new Error(`cannot sign in as ${username}: ${res.statusCode} ${text}`));
          else resolve((JSON.parse(text) as { accessToken: string }).accessToken);
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('sign-in: no reply')));
    req.on('error', reject);
    req.end(body);
  });
}
