import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadlineStreamId, taskDeadlineId } from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { EVENT_STORE } from '@liaison/application';
import { bullConnection, DEADLINE_QUEUE } from '@liaison/app';
import { MetricsServer } from '../apps/worker/src/metrics/metrics-server';
import { registration, RETENTION, signedIn, specRedisUrl, startApp, type RunningApp } from './support/app';
import { parsePrometheusText, sampleValue } from './support/prometheus';
import { eventually, startWorker } from './support/worker';

/** The worker's job logs and its own /metrics, with a deadline due seconds after a request (Redis database 14). */
const ENV = {
  REDIS_URL: specRedisUrl(14),
  QUEUE_PREFIX: `worker-observability-e2e-${process.pid}`,
  TASK_SLA: 'county=1s',
  ESCALATION_LADDER: 'reminder=0s,escalation=600s,leading-group=900s',
  AUDIT_ANCHOR_MS: '0',
  LOG_LEVEL: 'log',
};

const dataDir = mkdtempSync(join(tmpdir(), 'worker-observability-'));
const lines: string[] = [];
let worker: INestApplicationContext;
let running: RunningApp;

beforeAll(async () => {
  // Started first, so the process's root logger is the worker's (in one process, the first one stands).
  worker = await startWorker(ENV, dataDir, {
    serveMetrics: true,
    logDestination: { write: (line: string) => void lines.push(line) },
  });
  running = await startApp({ ...ENV, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
}, 30_000);

afterAll(async () => {
  await worker?.close();
  const queue = new Queue(DEADLINE_QUEUE, {
    connection: bullConnection(ENV.REDIS_URL, 'producer'),
    prefix: ENV.QUEUE_PREFIX,
  });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await running?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('a deadline job logs as JSON with its job id and the correlation id of the notice it sends, and is counted', async () => {
  const clerk = await signedIn(running.url, 'clerk.xichuan');
  const registered = await clerk.post(
    '/offices',
    registration('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true }),
  );
  const requested = await clerk.post(`/offices/${registered.body.officeId}/retention-request`, RETENTION);
  expect(requested.status).toBe(200);
  const approver = await signedIn(running.url, 'approver.xichuan');
  const task = (await approver.get('/tasks')).body.items.find(
    (t: any) => t.officeId === registered.body.officeId,
  );
  const deadlineId = taskDeadlineId(task.taskId);

  const sent = await eventually('the reminder in the log', async () => {
    const store = running.app.get<symbol, EventStore>(EVENT_STORE);
    return (await store.readStream(deadlineStreamId(deadlineId)))[0];
  });
  const line = await eventually('the job’s log line', async () =>
    lines.map((text) => JSON.parse(text)).find((entry) => entry.deadlineId === deadlineId && entry.outcome),
  );
  expect(line).toMatchObject({
    level: 'info',
    service: 'worker',
    context: 'Deadlines',
    queue: 'deadlines',
    jobId: expect.stringMatching(new RegExp(`^${deadlineId.replace(/[./]/g, '\\$&')}\\.reminder\\.\\d+$`)),
    correlationId: sent.metadata.correlationId,
    outcome: 'sent',
    step: 'reminder',
  });

  const url = worker.get(MetricsServer).url!;
  expect((await fetch(`${url}/health/live`)).status).toBe(200);
  const scraped = await fetch(`${url}/metrics`);
  expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const families = parsePrometheusText(await scraped.text());
  expect(
    sampleValue(families, 'liaison_deadline_notices_sent_total', { step: 'reminder', kind: 'task' }),
  ).toBe(1);
  expect(sampleValue(families, 'liaison_deadline_notice_lateness_seconds_count')).toBeGreaterThanOrEqual(1);
  const notices = { stream: 'deadline', command: 'SendDeadlineNotice', outcome: 'accepted' };
  expect(sampleValue(families, 'liaison_commands_total', notices)).toBe(1);
  expect((await fetch(`${url}/anything`)).status).toBe(404);
}, 30_000);
