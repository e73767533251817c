import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The console's client routes: each answers the page, which routes itself. Its screens live under /console/ (no API
 * path starts so); `/` and two earlier addresses lead there.
 */
export const CONSOLE_ROUTES = ['/', '/sign-in', '/inbox', '/console', '/console/*'];

/** dist/web, built by `npm run build` (Vite): beside the compiled API, or under dist/ when run from source. */
export function webConsoleDir(): string | undefined {
  return [join(__dirname, '..', '..', '..', 'web'), join(__dirname, '..', '..', '..', 'dist', 'web')].find(
    (dir) => existsSync(join(dir, 'index.html')),
  );
}

/**
 * Serves the web console (apps/web) from the API's own origin, so its session cookie and CSRF token need no CORS:
 * the page at its client routes, the hashed assets under /assets/. Every other unknown path stays the API's 404.
 */
export async function mountWebConsole(app: NestFastifyApplication): Promise<void> {
  const dir = webConsoleDir();
  if (!dir) {
    new Logger('WebConsole').warn('the web console is not built (npm run build): / serves nothing');
    return;
  }
  const page = readFileSync(join(dir, 'index.html'), 'utf8');
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    // Names carry a content hash: a new build has new names.
    immutable: true,
    maxAge: '365d',
  });
  for (const url of CONSOLE_ROUTES) {
    fastify.get(url, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page),
    );
  }
}
