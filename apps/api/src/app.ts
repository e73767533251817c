import 'reflect-metadata';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@liaison/app';
import { SESSION_COOKIE } from '@liaison/auth';
import { AppModule } from './app.module';
import { limitJsonDepth } from './common/body-depth';
import { ErrorFilter, validationErrors } from './common/errors';
import { REQUEST_ID_HEADER, requestIdOf } from './common/request-id';
import { markPublicOperations } from './common/openapi';
import { registerSecurityHeaders } from './common/security-headers';
import { mountQueueBoard } from './operations/queue-board';
import { mountWebConsole } from './web-console';

export interface CreateAppOptions {
  /** Where the JSON log lines go instead of stdout. */
  logDestination?: DestinationStream;
}

/** Builds the HTTP application (not yet listening); shared by main.ts and the end-to-end tests. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  // trustProxy: the client address (sign-in limits, logs) from X-Forwarded-For, only when a known proxy sends it.
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    genReqId: requestIdOf,
    trustProxy: config.trustProxy,
  });
  // Every answer names its request, the queue board's and a 404's included, so a caller can quote it.
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.logDestination),
    adapter,
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(PinoNestLogger));
  limitJsonDepth(app);
  registerSecurityHeaders(app);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
      transform: true,
      exceptionFactory: validationErrors,
    }),
  );
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const document = markPublicOperations(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Stationed-office clean-up: workflow and approvals')
        .setDescription(
          'Registers the offices that county and municipal governments keep in provincial capitals, applies the ' +
            'disposition rules of 宛政办〔2015〕93号 section 三 (cited as rule ids), carries retention requests up the ' +
            'county → municipal → provincial tiers, and records abolition: asset disposals and staff placements. ' +
            'Sign in with POST /auth/login and send the token as Authorization: Bearer; a browser may sign in with ' +
            'POST /auth/session instead, and then sends the csrf cookie in X-CSRF-Token with every change. ' +
            'Commands accept Idempotency-Key (a retry appends nothing) and If-Match (a stale version gets 409).',
        )
        .setVersion('0.1.0')
        // Relative: the document is served by the API it describes, wherever that is deployed.
        .addServer('/', 'This API (the server that serves this document)')
        .addBearerAuth()
        .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, 'session')
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  await mountQueueBoard(app);
  await mountWebConsole(app);
  return app;
}

export async function listen(app: NestFastifyApplication, config: AppConfig): Promise<string> {
  await app.listen({ port: config.port, host: config.host });
  const url = await app.getUrl();
  new Logger('Api').log(`listening on ${url} (web console at ${url}/, OpenAPI at ${url}/docs)`);
  return url;
}
