import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { loadConfig } from '@liaison/app';

/**
 * The real worker (deadline and webhook queues) on a data folder, in this process. With `serveMetrics` it answers
 * Prometheus on a free port (MetricsServer's `url`); with `logDestination` it logs there (LOG_LEVEL of `env`).
 */
export async function startWorker(
  env: Record<string, string>,
  dataDir: string,
  options: Parameters<typeof WorkerModule.forRoot>[1] = {},
): Promise<INestApplicationContext> {
  const config = loadConfig({
    ...process.env,
    METRICS_PORT: '0',
    ...env,
    DATA_DIR: dataDir,
    ...(options.logDestination ? {} : { LOG_LEVEL: 'silent' }),
  });
  const worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, options),
    options.logDestination ? { bufferLogs: true } : { logger: false },
  );
  if (options.logDestination) worker.useLogger(worker.get(PinoNestLogger));
  await worker.init();
  return worker;
}

/** Polls until `probe` gives a value; fails with `what` after `ms`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 15_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
