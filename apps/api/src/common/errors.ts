import {
  BadRequestException,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { DomainError } from '@liaison/domain';
import { IdempotencyKeyReused, VersionConflict } from '@liaison/event-store';

/** One error shape everywhere. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** The section of the plan the refusal rests on, where there is one. */
  ruleId?: string;
  details?: { field: string; rule: string; message: string }[];
  [extra: string]: unknown;
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly details: { field: string; rule: string; message: string }[]) {
    super(details.map((d) => d.message).join('; '));
  }
}

export function validationErrors(errors: ValidationError[]): RequestValidationError {
  const details: { field: string; rule: string; message: string }[] = [];
  const walk = (error: ValidationError, path: string) => {
    const field = path
      ? /^\d+$/.test(error.property)
        ? `${path}[${error.property}]`
        : `${path}.${error.property}`
      : error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      details.push({
        field,
        rule: rule === 'whitelistValidation' ? 'unknown-property' : rule,
        message:
          rule === 'whitelistValidation'
            ? `${field} is not a known property`
            : message.replace(error.property, field),
      });
    }
    for (const child of error.children ?? []) walk(child, field);
  };
  for (const error of errors) walk(error, '');
  return new RequestValidationError(details);
}

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  policy: HttpStatus.UNPROCESSABLE_ENTITY,
  state: HttpStatus.CONFLICT,
  input: HttpStatus.UNPROCESSABLE_ENTITY,
  'not-found': HttpStatus.NOT_FOUND,
};

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof RequestValidationError) {
      return {
        statusCode: 400,
        error: reason(400),
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof DomainError) {
      const statusCode = DOMAIN_STATUS[exception.kind];
      return {
        statusCode,
        error: reason(statusCode),
        message: exception.message,
        ...(exception.ruleId ? { ruleId: exception.ruleId } : {}),
        ...(exception.field
          ? {
              details: [
                {
                  field: exception.field,
                  rule: exception.ruleId ?? exception.kind,
                  message: exception.message,
                },
              ],
            }
          : {}),
        ...('status' in exception ? { currentStatus: exception.status } : {}),
      };
    }
    if (exception instanceof VersionConflict) {
      return {
        statusCode: 409,
        error: reason(409),
        message: exception.message,
        currentVersion: exception.currentVersion,
        details: [{ field: 'If-Match', rule: 'current-version', message: exception.message }],
      };
    }
    if (exception instanceof IdempotencyKeyReused) {
      return {
        statusCode: 422,
        error: reason(422),
        message: exception.message,
        details: [{ field: 'Idempotency-Key', rule: 'same-request', message: exception.message }],
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? (response as { message: string[] }).message.join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      // Extra fields a controller attached (e.g. the task's current state on a 409) travel with the error.
      const {
        statusCode: _s,
        error: _e,
        message: _m,
        ...extra
      } = typeof response === 'object' ? (response as Record<string, unknown>) : {};
      return { statusCode, error: reason(statusCode), message, ...extra };
    }
    // Fastify's own errors (malformed JSON, oversized body) carry a statusCode.
    const status = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, error: reason(status), message: (exception as Error).message };
    }
    return {
      statusCode: 500,
      error: reason(500),
      message: 'internal error; nothing was changed',
    };
  }
}

/** The status's reason phrase ("Bad Request", "Conflict", …), as Node's HTTP server sends it. */
export function reason(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** 400 naming `unitId` when it is not a unit of the jurisdiction tree. */
export function assertKnownUnit(jurisdictions: { find(id: string): unknown }, unitId: string): void {
  if (!jurisdictions.find(unitId)) {
    throw new RequestValidationError([
      {
        field: 'unitId',
        rule: 'isUnit',
        message: `unitId ${unitId} is not a unit of the jurisdiction tree (GET /jurisdictions)`,
      },
    ]);
  }
}
