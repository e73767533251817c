import { ForbiddenException, type ArgumentsHost } from '@nestjs/common';
import { IdempotencyKeyReused, VersionConflict } from '@liaison/event-store';
import { ErrorFilter, reason, RequestValidationError, type ErrorBody } from './errors';

/** What the filter sends for `exception`. */
function sent(exception: unknown): { status: number; body: ErrorBody } {
  let status = 0;
  let body: ErrorBody | undefined;
  const reply = {
    status(code: number) {
      status = code;
      return reply;
    },
    header: () => reply,
    send(payload: ErrorBody) {
      body = payload;
      return reply;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ErrorFilter().catch(exception, host);
  return { status, body: body! };
}

describe('error bodies', () => {
  it('name the status with its standard reason phrase', () => {
    expect(
      [400, 401, 403, 404, 405, 409, 413, 415, 422, 428, 500, 503].map((status) => reason(status)),
    ).toEqual([
      'Bad Request',
      'Unauthorized',
      'Forbidden',
      'Not Found',
      'Method Not Allowed',
      'Conflict',
      'Payload Too Large',
      'Unsupported Media Type',
      'Unprocessable Entity',
      'Precondition Required',
      'Internal Server Error',
      'Service Unavailable',
    ]);
    expect(reason(499)).toBe('Error');
  });

  it('carry the reason phrase of each kind of refusal', () => {
    const detail = { field: 'name', rule: 'isNotEmpty', message: 'name should not be empty' };
    expect(sent(new RequestValidationError([detail]))).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: detail.message, details: [detail] },
    });
    expect(sent(new VersionConflict('office-1', 2, 3)).body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      currentVersion: 3,
    });
    expect(sent(new IdempotencyKeyReused('key-1')).body).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
    });
    expect(sent(new ForbiddenException('not yours')).body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'not yours',
    });
    expect(sent(Object.assign(new Error('body too large'), { statusCode: 413 })).body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'body too large',
    });
  });
});
