import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import type { Options as HttpOptions } from 'pino-http';
import type { AppConfig } from './config';

/** LOG_LEVEL speaks Nest's names; pino calls `log` `info`. */
const PINO_LEVEL: Record<AppConfig['logLevel'], pino.LevelWithSilent> = {
  silent: 'silent',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
};

/**
 * One JSON object a line on stdout: `time` (ISO-8601), `level` by name, `service`, `context` (the Nest logger's
 * name), `msg`, and whatever the context binds (`requestId` within a request, `jobId` and `correlationId` within a
 * job). LOG_FORMAT=pretty prints coloured lines instead, for a terminal, through pino-pretty (a development
 * dependency, so not in the production image).
 */
export function pinoOptions(config: AppConfig, service: 'api' | 'worker'): LoggerOptions {
  const options: LoggerOptions = {
    level: PINO_LEVEL[config.logLevel],
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Tokens and cookies never reach a log, whatever a serializer lets through.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  };
  if (config.logFormat === 'json') return { ...options, formatters: { level: (level) => ({ level }) } };
  try {
    require.resolve('pino-pretty');
  } catch {
    throw new Error(
      'LOG_FORMAT=pretty needs pino-pretty, a development dependency: run `npm ci`, or use json',
    );
  }
  const pretty = {
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    messageFormat: '{if context}[{context}] {end}{msg}',
    ignore: 'pid,hostname,service,context',
  };
  return { ...options, transport: { target: 'pino-pretty', options: pretty } };
}

/**
 * The process's logger: Nest's `Logger` writes through pino, with the bindings of the request or job in hand.
 * `http` adds what the API's request logging needs; `destination` replaces stdout (tests read the lines).
 */
export function loggerModule(
  config: AppConfig,
  service: 'api' | 'worker',
  http: HttpOptions = {},
  destination?: DestinationStream,
): DynamicModule {
  const options: HttpOptions = { ...pinoOptions(config, service), ...http };
  // In the worker, which has no HTTP routes, pino-http is only the root logger its jobs' loggers derive from.
  return LoggerModule.forRoot({
    pinoHttp: destination ? [options, destination] : options,
    // nestjs-pino's own default route pattern ({/*splat}) matches no request under Nest 12's Fastify adapter.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  });
}

/**
 * A start that failed, as one JSON line on stderr: written without the logger, which may be what failed to start
 * (a bad LOG_LEVEL, say), so an operator's log pipeline still sees it as a fatal record.
 */
export function fatalLine(service: 'api' | 'worker', error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  const line = {
    level: 'fatal',
    time: new Date().toISOString(),
    service,
    msg: message,
    ...(stack ? { stack } : {}),
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
