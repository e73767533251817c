import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { fatalLine, loadConfig } from '@liaison/app';
import { WorkerModule } from './worker.module';

/**
 * The worker: sends reminders and escalations from the deadline queue, delivers notices to webhooks, and (with
 * PROJECTIONS=external, the API started the same way) feeds the read models.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, { serveMetrics: true }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoNestLogger));
  app.enableShutdownHooks();
  await app.init();
  new Logger('Worker').log(
    `deadlines on ${config.redisUrl.replace(/\/\/[^@]*@/, '//')} (queue prefix ${config.queuePrefix})` +
      (config.projections === 'external'
        ? `; read models following the ${config.eventStore.kind} event log`
        : ''),
  );
}

main().catch((error: unknown) => {
  fatalLine('worker', error);
  process.exit(1);
});
