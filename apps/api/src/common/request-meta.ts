import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestValidationError } from './errors';

/** The request's retry and concurrency intent (who is acting comes from the sign-in token). */
export interface RequestMeta {
  correlationId?: string;
  idempotencyKey?: string;
  expectedVersion?: number;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
// Printable text only: header values must not smuggle control characters into the audit record.
// eslint-disable-next-line no-control-regex
const HEADER_TEXT = /^[^\x00-\x1f\x7f]{1,200}$/;

export function readRequestMeta(headers: FastifyRequest['headers']): RequestMeta {
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
  const correlationId = one('x-correlation-id');
  return {
    ...(correlationId && HEADER_TEXT.test(correlationId) ? { correlationId } : {}),
    ...(key !== undefined ? { idempotencyKey: key } : {}),
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
  };
}

export const Meta = createParamDecorator((_data: unknown, context: ExecutionContext): RequestMeta => {
  return readRequestMeta(context.switchToHttp().getRequest<FastifyRequest>().headers);
});
