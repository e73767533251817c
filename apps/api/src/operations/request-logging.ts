import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { requestIdOf } from '../common/request-id';

/** Probes and scrapes come every few seconds and say nothing an operator reads. */
const QUIET = /^\/(health|metrics)(\/|\?|$)/;

/** The path as the client sent it: a middleware's `url` is relative to where it was mounted. */
const urlOf = (request: IncomingMessage) =>
  (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '';

/**
 * One line per request when it completes (`msg`, `requestId`, `req` method and url, `res` status, `responseTime`
 * in ms; an error level for a 5xx), and the request's id on every line logged while it is served. Nothing of the
 * headers or bodies: tokens and personal data stay out of the logs.
 */
export function requestLogging(): Options<IncomingMessage, ServerResponse> {
  return {
    genReqId: (request) => requestIdOf(request),
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    autoLogging: { ignore: (request) => QUIET.test(urlOf(request)) },
    serializers: {
      req: (request: { method?: string; raw: IncomingMessage }) => ({
        method: request.method,
        url: urlOf(request.raw),
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (_request, response, error) =>
      error !== undefined || response.statusCode >= 500 ? 'error' : 'info',
    customSuccessMessage: (request, response) => `${request.method} ${urlOf(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${urlOf(request)} ${response.statusCode}`,
  };
}
