import 'reflect-metadata';
import { Logger, ValidationPipe, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@liaison/app';
import { AppModule } from './app.module';
import { ErrorFilter, validationErrors } from './common/errors';
import { markPublicOperations } from './common/openapi';
import { mountQueueBoard } from './operations/queue-board';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[] | false> = {
  silent: false,
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/** Builds the HTTP application (not yet listening); shared by main.ts and the end-to-end tests. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    { logger: LEVELS[config.logLevel], abortOnError: false },
  );
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
            'Sign in with POST /auth/login and send the token as Authorization: Bearer. ' +
            'Commands accept Idempotency-Key (a retry appends nothing) and If-Match (a stale version gets 409).',
        )
        .setVersion('0.1.0')
        // Relative: the document is served by the API it describes, wherever that is deployed.
        .addServer('/', 'This API (the server that serves this document)')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  await mountQueueBoard(app);
  return app;
}

export async function listen(app: NestFastifyApplication, config: AppConfig): Promise<string> {
  await app.listen({ port: config.port, host: config.host });
  const url = await app.getUrl();
  new Logger('Api').log(`listening on ${url} (OpenAPI at ${url}/docs)`);
  return url;
}
