import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { taskDeadlineId } from '@liaison/domain';
import { bullConnection, WEBHOOK_QUEUE } from '@liaison/app';
import { verifyWebhook } from '../apps/worker/src/webhooks/delivery';
import { registration, RETENTION, signedIn, specRedisUrl, startApp, type RunningApp } from './support/app';
import { eventually, startWorker } from './support/worker';

const REDIS_URL = specRedisUrl(11);
const SECRET = 'a-shared-secret-of-some-length';

interface Received {
  subscriber: string;
  status: number;
  deliveryId: string;
  valid: boolean;
  body: any;
}

let receiver: Server;
const received: Received[] = [];
let running: RunningApp;
let worker: INestApplicationContext;
let queue: Queue;
let env: Record<string, string>;

beforeAll(async () => {
  // "flaky" fails twice and then answers; "down" never does.
  let flakyCalls = 0;
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const subscriber = req.url === '/flaky' ? 'flaky' : 'down';
      const status = subscriber === 'down' ? 503 : ++flakyCalls <= 2 ? 500 : 204;
      received.push({
        subscriber,
        status,
        deliveryId: String(req.headers['x-liaison-delivery']),
        valid: verifyWebhook(
          SECRET,
          String(req.headers['x-liaison-timestamp']),
          body,
          String(req.headers['x-liaison-signature']),
        ),
        body: JSON.parse(body),
      });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  env = {
    REDIS_URL,
    QUEUE_PREFIX: `webhooks-e2e-${process.pid}`,
    TASK_SLA: 'county=1s',
    ESCALATION_LADDER: 'reminder=0s,escalation=600s,leading-group=1200s',
    WEBHOOKS: JSON.stringify([
      { id: 'flaky', url: `http://127.0.0.1:${port}/flaky`, secret: SECRET },
      { id: 'down', url: `http://127.0.0.1:${port}/down`, secret: SECRET },
    ]),
    WEBHOOK_ATTEMPTS: '3',
    WEBHOOK_BACKOFF_MS: '50',
  };
  running = await startApp(env);
  worker = await startWorker(env, running.dataDir);
  queue = new Queue(WEBHOOK_QUEUE, {
    connection: bullConnection(REDIS_URL, 'producer'),
    prefix: env.QUEUE_PREFIX,
  });
}, 30_000);

afterAll(async () => {
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await running.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('notices delivered to webhooks', () => {
  it('signs each delivery, retries with backoff until delivered, and keeps what never got through as failed', async () => {
    const clerk = await signedIn(running.url, 'clerk.xichuan');
    const registered = await clerk.post(
      '/offices',
      registration('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true }),
    );
    await clerk.post(`/offices/${registered.body.officeId}/retention-request`, RETENTION);
    const approver = await signedIn(running.url, 'approver.xichuan');
    const task = (await approver.get('/tasks')).body.items[0];
    const deadlineId = taskDeadlineId(task.taskId);

    const delivered = await eventually('the delivery to flaky', async () =>
      received.find((r) => r.subscriber === 'flaky' && r.status === 204),
    );
    expect(delivered.valid).toBe(true);
    expect(delivered.body.notice).toMatchObject({
      deadlineId,
      step: 'reminder',
      audience: ['approvers:county@henan.nanyang.xichuan'],
    });
    const flaky = received.filter((r) => r.subscriber === 'flaky');
    expect(flaky.map((r) => r.status)).toEqual([500, 500, 204]);
    expect(new Set(flaky.map((r) => r.deliveryId)).size).toBe(1);

    const failed = await eventually('the failed delivery to down', async () => {
      const jobs = await queue.getFailed();
      return jobs.length > 0 ? jobs : undefined;
    });
    expect(failed).toHaveLength(1);
    expect(failed[0]!.attemptsMade).toBe(3);
    expect(failed[0]!.failedReason).toMatch(/answered 503/);
    expect(received.filter((r) => r.subscriber === 'down')).toHaveLength(3);
    expect(received.every((r) => r.valid)).toBe(true);
  }, 30_000);
});
