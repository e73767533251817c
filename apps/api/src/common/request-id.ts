import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A caller's own id is kept when it is a plain token (a UUID, a trace id, `gw-1234`…): it goes into logs, a
 * response header and the audit record, so nothing that could break a line or a header gets through.
 */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first !== undefined && WELL_FORMED.test(first) ? first : undefined;
}

/**
 * The request's id: the caller's `X-Request-Id`, else its `X-Correlation-Id`, else a new UUID. It is the
 * correlation id of every event the request's command appends and the `requestId` of every log line the request
 * makes. Fastify and the request logger both ask for it; the first answer is kept on the request.
 */
export function requestIdOf(request: IncomingMessage): string {
  const raw = request as IncomingMessage & { id?: unknown };
  if (typeof raw.id === 'string') return raw.id;
  const id = header(request, REQUEST_ID_HEADER) ?? header(request, 'x-correlation-id') ?? randomUUID();
  raw.id = id;
  return id;
}
