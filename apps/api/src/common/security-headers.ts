import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

type HeaderMiddleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * helmet as @fastify/helmet depends on it. That plugin builds helmet's middleware (parsing the policy) anew for every
 * request; built once here, the headers are the same for less work on every request.
 */
const helmet = createRequire(require.resolve('@fastify/helmet'))('helmet') as (
  options: Readonly<HelmetOptions>,
) => HeaderMiddleware;

/**
 * What a browser may load on any page this service serves: the Swagger UI at /docs, Bull Board at /admin/queues and
 * a console at / all load their scripts from here; styles may be inline (CSS-in-JS, Swagger's own); nothing comes
 * from another host, and no page may be framed.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Served over plain HTTP on a LAN too: upgrading would break every asset there.
  upgradeInsecureRequests: null,
};

/**
 * Security headers on every answer (helmet: nosniff, frame denial, the policy above), and `Cache-Control: no-store`
 * on every answer to a request that carries a credential and on everything under /auth (tokens, cookies), so that
 * no browser or proxy keeps them.
 */
export function registerSecurityHeaders(app: NestFastifyApplication): void {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
  });
  const server = app.getHttpAdapter().getInstance();
  server.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    headers(request.raw, reply.raw, done);
  });
  server.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const credential = request.headers.authorization !== undefined || request.headers.cookie !== undefined;
    if ((credential || request.url.startsWith('/auth/')) && !reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
