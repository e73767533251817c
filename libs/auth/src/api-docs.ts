import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
  type ApiHeaderOptions,
  type HeaderObject,
  type HeadersObject,
} from '@nestjs/swagger';

/*
 * The OpenAPI vocabulary every controller shares: the one error shape (apps/api common/errors.ts) and the headers
 * of commands. Kept in the lowest library that serves HTTP (auth has the sign-in controller) so that every
 * controller documents its errors the same way.
 */

export class ErrorDetailDto {
  @ApiProperty({ example: 'comment', description: 'The field, header or query parameter at fault' })
  field!: string;

  @ApiProperty({ example: 'isNotEmpty', description: 'The rule it breaks: a validation rule or a rule id' })
  rule!: string;

  @ApiProperty({ example: 'comment should not be empty' })
  message!: string;
}

/** Every 4xx and 5xx answer has this shape; only the fields that apply are present. */
export class ErrorBodyDto {
  @ApiProperty({ type: 'integer', example: 422 })
  statusCode!: number;

  @ApiProperty({ example: 'Unprocessable Entity', description: "The status's reason phrase" })
  error!: string;

  @ApiProperty({ example: 'rule 三(一)-a: municipal departments keep no office outside the province' })
  message!: string;

  @ApiPropertyOptional({ example: '三(一)-a', description: 'The section of the plan the refusal rests on' })
  ruleId?: string;

  @ApiPropertyOptional({ type: [ErrorDetailDto], description: 'One entry per field at fault' })
  details?: ErrorDetailDto[];

  @ApiPropertyOptional({
    example: 'users.admin-only',
    description: 'A 403: the access rule refused by, where it has a name',
  })
  rule?: string;

  @ApiPropertyOptional({
    example: 'password-change-required',
    description: 'A machine-readable reason where the status alone is ambiguous (sign-in and tokens)',
  })
  code?: string;

  @ApiPropertyOptional({
    type: 'integer',
    example: 4,
    description: 'A 409 on a stale If-Match: the version to read again',
  })
  currentVersion?: number;

  @ApiPropertyOptional({ example: 'abolished', description: 'A 409 on a state refusal: the current status' })
  currentStatus?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'A 409 on a task action: the task as it is now (who decided, when)',
  })
  task?: Record<string, unknown>;
}

const ERROR_MEANING: Record<number, string> = {
  400: 'The request is malformed: `details` names each field (or header) and the rule it breaks',
  401: 'No valid access token (sign in with POST /auth/login); WWW-Authenticate says why',
  403:
    "Not allowed for the caller's role or jurisdiction; or, signed in with the session cookie, a change without " +
    'X-CSRF-Token equal to the csrf cookie (code csrf)',
  404: 'Not found, or outside the caller’s jurisdiction',
  409: 'The current state does not allow it, or If-Match names a stale version (`currentVersion`)',
  413: 'The body is larger than 1 MiB',
  422: 'Refused by the plan or by the data: `ruleId` and `details` say why',
  429: 'Too many attempts: wait the seconds Retry-After gives',
  503: 'Something the answer needs is missing on the server: the message names it',
};

const RETRY_AFTER_HEADER: HeaderObject = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer' },
  required: true,
};

/** RFC 6750: a 401 for a missing or unusable token names the scheme (a wrong password at sign-in does not). */
const WWW_AUTHENTICATE_HEADER: HeaderObject = {
  description: 'Bearer realm="api", with error="invalid_token" when a token was sent but does not work',
  schema: { type: 'string' },
};

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/**
 * Documents the error answers an operation (or, on a class, every operation of a controller) can give, each with
 * the shared error schema. A description overrides the generic meaning: `ApiErrors(404, [422, 'Unknown unit'])`.
 */
export function ApiErrors(
  ...statuses: (ErrorStatus | [ErrorStatus, string])[]
): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorBodyDto),
    ...statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, ERROR_MEANING[entry]];
      return ApiResponse({
        status,
        description: description ?? ERROR_MEANING[status],
        content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } },
        ...(status === 401 ? { headers: { 'WWW-Authenticate': WWW_AUTHENTICATE_HEADER } } : {}),
        ...(status === 429 ? { headers: { 'Retry-After': RETRY_AFTER_HEADER } } : {}),
      });
    }),
  );
}

/** The errors of every operation behind sign-in: 401 without a valid token, 403 outside role or jurisdiction. */
export const ApiSignedIn = (): ClassDecorator & MethodDecorator => ApiErrors(400, 401, 403);

export const IDEMPOTENCY_KEY_HEADER: ApiHeaderOptions = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'A retry with the same key and the same request appends nothing and answers as the first time ' +
    '(Idempotent-Replayed: true); the same key with another request gets 422. 1 to 200 visible ASCII characters',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
};

export const IF_MATCH_HEADER: ApiHeaderOptions = {
  name: 'If-Match',
  required: false,
  description: 'The version as returned in ETag, e.g. "3": the command is refused with 409 if it is stale',
  schema: { type: 'string', example: '"3"' },
};

export const ETAG_HEADER: HeaderObject = {
  description: 'The version, for If-Match on the next command',
  schema: { type: 'string', example: '"3"' },
  required: true,
};

/** The response headers of a command that appended to a stream. */
export const COMMAND_RESPONSE_HEADERS: HeadersObject = {
  ETag: ETAG_HEADER,
  'Idempotent-Replayed': {
    description: '"true" when the Idempotency-Key was seen before and nothing was appended',
    schema: { type: 'string', enum: ['true'] },
  },
  'Read-Models': {
    description: '"lagging" when the lists do not show the change yet (they catch up shortly)',
    schema: { type: 'string', enum: ['lagging'] },
  },
};

export const LOCATION_HEADER: HeaderObject = {
  description: 'The path of what was created',
  schema: { type: 'string' },
  required: true,
};

/**
 * A command: takes Idempotency-Key and If-Match, and can be refused as malformed, stale or by the plan. The body
 * limit applies to every command with a body.
 */
export function ApiCommand(options: { ifMatch?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    ApiHeader(IDEMPOTENCY_KEY_HEADER),
    ...(options.ifMatch === false ? [] : [ApiHeader(IF_MATCH_HEADER)]),
    ApiErrors(409, 413, 422),
  );
}
