import { Queue } from 'bullmq';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bullConnection, WEBHOOK_QUEUE } from '@liaison/app';
import { registration, RETENTION, signedIn, specRedisUrl, startApp, type RunningApp } from './support/app';
import { eventually, startWorker } from './support/worker';

/** Stopping the worker while it delivers a notice: the delivery in hand finishes, and is not made again. */
const REDIS_URL = specRedisUrl(12);

let receiver: Server;
const deliveries: { at: number; deliveryId: string; answeredAt?: number }[] = [];
let running: RunningApp;
let env: Record<string, string>;

beforeAll(async () => {
  // A slow receiver: it answers a second and a half after the request arrives.
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const delivery: (typeof deliveries)[number] = {
        at: Date.now(),
        deliveryId: String(req.headers['x-liaison-delivery']),
      };
      deliveries.push(delivery);
      setTimeout(() => {
        delivery.answeredAt = Date.now();
        res.statusCode = 204;
        res.end();
      }, 1500);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  env = {
    REDIS_URL,
    QUEUE_PREFIX: `shutdown-e2e-${process.pid}`,
    TASK_SLA: 'county=1s',
    ESCALATION_LADDER: 'reminder=0s,escalation=600s,leading-group=1200s',
    WEBHOOKS: JSON.stringify([
      {
        id: 'slow',
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
        secret: 'a-shared-secret-of-some-length',
      },
    ]),
  };
  running = await startApp(env);
}, 30_000);

afterAll(async () => {
  const queue = new Queue(WEBHOOK_QUEUE, {
    connection: bullConnection(REDIS_URL, 'producer'),
    prefix: env.QUEUE_PREFIX,
  });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await running.close();
  await new Promise((resolve) => receiver.close(resolve));
});

it('a worker stopped mid-delivery finishes the job in hand, and the next one does not repeat it', async () => {
  const worker = await startWorker(env, running.dataDir);
  const clerk = await signedIn(running.url, 'clerk.xichuan');
  const registered = await clerk.post(
    '/offices',
    registration('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true }),
  );
  await clerk.post(`/offices/${registered.body.officeId}/retention-request`, RETENTION);

  const inFlight = await eventually('a delivery in flight', async () => deliveries[0]);
  expect(inFlight.answeredAt).toBeUndefined();
  await worker.close();
  // close() waited for the delivery: the receiver had answered before the worker was gone.
  expect(inFlight.answeredAt).toBeDefined();

  const queue = new Queue(WEBHOOK_QUEUE, {
    connection: bullConnection(REDIS_URL, 'producer'),
    prefix: env.QUEUE_PREFIX,
  });
  try {
    const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'failed', 'completed');
    expect(counts).toMatchObject({ active: 0, waiting: 0, failed: 0, completed: 1 });
  } finally {
    await queue.close();
  }
  const again = await startWorker(env, running.dataDir);
  try {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(deliveries).toHaveLength(1);
  } finally {
    await again.close();
  }
}, 30_000);
