import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestValidationError } from './errors';

/** The request's retry and concurrency intent (who is acting comes from the sign-in token). */
export interface RequestMeta {
  /** The request id (request-id.ts): every event the command appends carries it. */
  correlationId: string;
  idempotencyKey?: string;
  expectedVersion?: number;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function readRequestMeta(headers: FastifyRequest['headers'], requestId: string): RequestMeta {
  const one = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const problems: { field: string; rule: string; message: string }[] = [];
  const key = one('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    problems.push({
      field: 'Idempotency-Key',
      rule: 'format',
      message: 'Idempotency-Key must be 1 to 200 visible ASCII characters',
    });
  }
  let expectedVersion: number | undefined;
  const ifMatch = one('if-match');
  if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
    if (match) expectedVersion = Number(match[1]);
    else
      problems.push({
        field: 'If-Match',
        rule: 'format',
        message: 'If-Match must be the office version as returned in ETag, e.g. "3"',
      });
  }
  if (problems.length > 0) throw new RequestValidationError(problems);
  return {
    correlationId: requestId,
    ...(key !== undefined ? { idempotencyKey: key } : {}),
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
  };
}

export const Meta = createParamDecorator((_data: unknown, context: ExecutionContext): RequestMeta => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return readRequestMeta(request.headers, request.id);
});

/** Only the request id, for commands that take no Idempotency-Key or If-Match: their correlation id. */
export const CorrelationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<FastifyRequest>().id,
);
