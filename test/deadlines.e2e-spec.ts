import type { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { deadlineStreamId, taskDeadlineId } from '@liaison/domain';
import { ANCHOR_STREAM, type EventStore } from '@liaison/event-store';
import { bullConnection, DEADLINE_QUEUE, loadConfig } from '@liaison/app';
import { deadlineJobId } from '../apps/worker/src/deadlines/deadline-job';
import { EVENT_STORE, READ_STORE } from '@liaison/application';
import type { ReadStore } from '@liaison/projections';
import { main as cli } from '../apps/cli/src/main';
import { runRebuild } from '../apps/cli/src/rebuild.command';
import {
  client,
  registration,
  RETENTION,
  signedIn,
  specRedisUrl,
  startApp,
  type Client,
  type RunningApp,
} from './support/app';
import { eventually, startWorker } from './support/worker';

/**
 * Reminders and escalations with SLAs of seconds, real Redis and two worker processes' worth of workers. Redis
 * database 9 is this suite's alone: one test empties it, as a Redis that lost everything would be.
 */
const REDIS_URL = specRedisUrl(9);
const ENV = {
  REDIS_URL,
  QUEUE_PREFIX: `deadlines-e2e-${process.pid}`,
  TASK_SLA: 'county=3s,municipal=3s,provincial=3s',
  ESCALATION_LADDER: 'reminder=0s,escalation=2s,leading-group=600s',
  DEADLINE_RECONCILE_MS: '1000',
  AUDIT_ANCHOR_MS: '1000',
};

let running: RunningApp;
let workers: INestApplicationContext[] = [];
let queue: Queue;
let redis: Redis;
const as: Record<string, Client> = {};

beforeAll(async () => {
  running = await startApp(ENV);
  redis = new Redis(REDIS_URL);
  queue = new Queue(DEADLINE_QUEUE, {
    connection: bullConnection(REDIS_URL, 'producer'),
    prefix: ENV.QUEUE_PREFIX,
  });
  // Two workers on the same queue, as two worker processes would be.
  workers = [await startWorker(ENV, running.dataDir), await startWorker(ENV, running.dataDir)];
  for (const name of ['clerk.xichuan', 'approver.xichuan', 'supervisor.nanyang', 'supervisor.henan']) {
    as[name] = await signedIn(running.url, name);
  }
}, 30_000);

afterAll(async () => {
  for (const worker of workers) await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  redis.disconnect();
  await running.close();
});

/** A county office of 淅川县 with a retention request waiting at the county tier: one task, one deadline. */
async function pendingRequest(
  clerk = as['clerk.xichuan']!,
  approver = as['approver.xichuan']!,
): Promise<{ officeId: string; task: any }> {
  const registered = await clerk.post(
    '/offices',
    registration('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true }),
  );
  expect(registered.status).toBe(201);
  const officeId = registered.body.officeId as string;
  const requested = await clerk.post(`/offices/${officeId}/retention-request`, RETENTION);
  expect(requested.status).toBe(200);
  const inbox = await approver.get('/tasks?pageSize=500');
  const task = inbox.body.items.find((t: any) => t.officeId === officeId);
  expect(task).toBeDefined();
  return { officeId, task };
}

async function noticesOf(user: string, deadlineId: string): Promise<any[]> {
  const reply = await as[user]!.get('/notices?pageSize=500');
  expect(reply.status).toBe(200);
  return reply.body.items.filter((n: any) => n.deadlineId === deadlineId);
}

async function noticeStream(deadlineId: string, app: RunningApp = running) {
  const store = app.app.get<symbol, EventStore>(EVENT_STORE);
  return store.readStream(deadlineStreamId(deadlineId));
}

describe('deadlines on BullMQ with real Redis', () => {
  it('an untouched task gets a reminder at its due time, then an escalation to the city, one of each', async () => {
    const { task } = await pendingRequest();
    const deadlineId = taskDeadlineId(task.taskId);
    const escalation = await eventually('the escalation', async () => {
      const found = (await noticesOf('supervisor.nanyang', deadlineId)).filter(
        (n) => n.step === 'escalation',
      );
      return found.length > 0 ? found : undefined;
    });
    const reminders = (await noticesOf('approver.xichuan', deadlineId)).filter((n) => n.step === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(escalation).toHaveLength(1);
    expect(reminders[0].dueAt).toBe(task.dueAt);
    expect(Date.parse(reminders[0].sentAt)).toBeGreaterThanOrEqual(Date.parse(task.dueAt));
    expect(Date.parse(escalation[0].sentAt)).toBeGreaterThanOrEqual(Date.parse(task.dueAt) + 2000);
    expect(escalation[0].message).toMatch(/overdue/);
    // The province's supervisors hear of the city's escalations only at the next step.
    expect(await noticesOf('supervisor.henan', deadlineId)).toEqual([]);

    // Two workers and a reconcile every second, and still exactly one event per step, in order.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const events = await noticeStream(deadlineId);
    expect(events.map((e) => (e.data as any).step)).toEqual(['reminder', 'escalation']);
    expect(events.every((e) => e.metadata.actor === 'scheduler')).toBe(true);
  }, 30_000);

  it('a decided task fires nothing, and its jobs leave the queue', async () => {
    const { task } = await pendingRequest();
    const deadlineId = taskDeadlineId(task.taskId);
    await eventually('the reminder job', async () =>
      (await queue.getJob(deadlineJobId(deadlineId, 'reminder', task.dueAt))) ? true : undefined,
    );
    const decided = await as['approver.xichuan']!.post(`/tasks/${task.taskId}/decision`, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);
    await eventually('the jobs removed', async () =>
      (await queue.getJob(deadlineJobId(deadlineId, 'reminder', task.dueAt))) ? undefined : true,
    );
    await new Promise((resolve) => setTimeout(resolve, Date.parse(task.dueAt) - Date.now() + 3000));
    expect(await noticeStream(deadlineId)).toEqual([]);
    expect(await noticesOf('approver.xichuan', deadlineId)).toEqual([]);
  }, 30_000);

  it('a Redis that lost everything between scheduling and due time still sends each notice once', async () => {
    const { task } = await pendingRequest();
    const deadlineId = taskDeadlineId(task.taskId);
    await eventually('the reminder job', async () =>
      (await queue.getJob(deadlineJobId(deadlineId, 'reminder', task.dueAt))) ? true : undefined,
    );
    expect(Date.now()).toBeLessThan(Date.parse(task.dueAt));
    const jobKey = queue.toKey(deadlineJobId(deadlineId, 'reminder', task.dueAt));
    expect(await redis.exists(jobKey)).toBe(1);
    // Flushed and checked in one transaction: the worker may put the job back a moment later, which is the point.
    const flushed = await redis.multi().flushdb().exists(jobKey).exec();
    expect(flushed?.map(([error, reply]) => error ?? reply)).toEqual(['OK', 0]);

    await eventually('the escalation after the flush', async () =>
      (await noticesOf('supervisor.nanyang', deadlineId)).some((n) => n.step === 'escalation')
        ? true
        : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const events = await noticeStream(deadlineId);
    expect(events.map((e) => (e.data as any).step)).toEqual(['reminder', 'escalation']);
  }, 30_000);

  it('a notice is marked read once, and only by someone it is addressed to', async () => {
    const { task } = await pendingRequest();
    const deadlineId = taskDeadlineId(task.taskId);
    const reminder = await eventually('the reminder', async () =>
      (await noticesOf('approver.xichuan', deadlineId)).find((n) => n.step === 'reminder'),
    );
    expect(reminder.readAt).toBeNull();
    const before = (await as['approver.xichuan']!.get('/notices?unread=true&pageSize=500')).body;
    const read = await as['approver.xichuan']!.post(`/notices/${reminder.noticeId}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await as['approver.xichuan']!.post(`/notices/${reminder.noticeId}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    const after = (await as['approver.xichuan']!.get('/notices?unread=true&pageSize=500')).body;
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.map((n: any) => n.noticeId)).not.toContain(reminder.noticeId);
    expect((await as['supervisor.henan']!.post(`/notices/${reminder.noticeId}/read`)).status).toBe(404);
    expect((await as['approver.xichuan']!.post('/notices/bad:id/read')).status).toBe(400);
  }, 30_000);
});

describe('operations', () => {
  it('shows queue depths and deadline lateness on /health', async () => {
    const health = await (await signedIn(running.url, 'admin')).get('/health');
    expect(health.status).toBe(200);
    expect(health.body.queues.deadlines).toEqual(
      expect.objectContaining({ waiting: expect.any(Number), delayed: expect.any(Number), failed: 0 }),
    );
    expect(health.body.queues.webhooks).toBeDefined();
    // The tests above ran deadline jobs: their lateness was measured.
    expect(health.body.deadlineLateness.samples).toBeGreaterThan(0);
    expect(health.body.deadlineLateness.p99Ms).toEqual(expect.any(Number));
  });

  it('anchors the log periodically, and the anchors verify', async () => {
    const store = running.app.get<symbol, EventStore>(EVENT_STORE);
    const anchors = await eventually('an anchor', async () => {
      const found = await store.readStream(ANCHOR_STREAM);
      return found.length > 0 ? found : undefined;
    });
    expect(anchors[0]!.type).toBe('ChainAnchored');
    const report = await as['supervisor.nanyang']!.get('/audit/verify');
    expect(report.body).toMatchObject({ intact: true });
    expect(report.body.anchors).toBeGreaterThan(0);
  });

  it('opens the queue board to admins only, by bearer token or by the session cookie', async () => {
    const anonymous = client(running.url);
    expect((await anonymous.get('/admin/queues')).status).toBe(401);
    expect((await anonymous.get('/admin/queues/api/queues')).status).toBe(401);
    expect((await as['approver.xichuan']!.get('/admin/queues')).status).toBe(403);
    const admin = await signedIn(running.url, 'admin');
    const page = await admin.get('/admin/queues');
    expect(page.status).toBe(200);
    const api = await admin.get('/admin/queues/api/queues');
    expect(api.status).toBe(200);
    expect(JSON.stringify(api.body)).toMatch(/deadlines/);

    expect((await as['approver.xichuan']!.post('/auth/queue-board-session')).status).toBe(403);
    const session = await admin.post('/auth/queue-board-session');
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    const browser = client(running.url, { cookie: cookie.split(';')[0]! });
    expect((await browser.get('/admin/queues')).status).toBe(200);
  });
});

describe('a due date that moves', () => {
  it('a changed TASK_SLA moves nothing at restart; apply-sla moves it on record, and it fires at the new time only', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deadlines-moved-'));
    const env = { ...ENV, QUEUE_PREFIX: `deadlines-moved-${process.pid}`, DATA_DIR: dataDir };
    const movedQueue = new Queue(DEADLINE_QUEUE, {
      connection: bullConnection(REDIS_URL, 'producer'),
      prefix: env.QUEUE_PREFIX,
    });
    let api = await startApp({ ...env, TASK_SLA: 'county=600s' });
    const worker = await startWorker(env, dataDir);
    try {
      const { task } = await pendingRequest(
        await signedIn(api.url, 'clerk.xichuan'),
        await signedIn(api.url, 'approver.xichuan'),
      );
      const deadlineId = taskDeadlineId(task.taskId);
      const oldJob = deadlineJobId(deadlineId, 'reminder', task.dueAt);
      await eventually('the job for the first due date', async () =>
        (await movedQueue.getJob(oldJob)) ? true : undefined,
      );
      await api.close();
      api = await startApp({ ...env, TASK_SLA: 'county=3s' });
      const approver = await signedIn(api.url, 'approver.xichuan');
      const taskNow = async () =>
        (await approver.get('/tasks?pageSize=500')).body.items.find((t: any) => t.taskId === task.taskId);
      // The due date was decided when the task opened: a new configuration does not rewrite it.
      expect((await taskNow()).dueAt).toBe(task.dueAt);

      const out: string[] = [];
      const io = {
        env: { ...process.env, ...env, TASK_SLA: 'county=3s', LOG_LEVEL: 'silent' },
        stdout: { write: (text: string) => out.push(text) },
        stderr: { write: (text: string) => out.push(text) },
      };
      expect(await cli(['apply-sla', '--reason', '县级办理时限缩短为3秒', '--actor', 'ops.li'], io)).toBe(0);
      expect(out.join('')).toContain('1 of 1 open tasks re-dated');
      const moved = await eventually('the new due date in the inbox', async () => {
        const current = await taskNow();
        return current.dueAt !== task.dueAt ? current : undefined;
      });
      expect(Date.parse(moved.dueAt)).toBe(Date.parse(task.createdAt) + 3000);
      const supervisor = await signedIn(api.url, 'supervisor.nanyang');
      const timeline = (await supervisor.get(`/offices/${task.officeId}/timeline`)).body.items;
      expect(timeline.find((e: any) => e.type === 'DeadlineMoved')).toMatchObject({
        actor: 'ops.li',
        data: { from: task.dueAt, to: moved.dueAt, reason: '县级办理时限缩短为3秒' },
      });
      await eventually('the old job dropped', async () =>
        (await movedQueue.getJob(oldJob)) ? undefined : true,
      );
      const reminder = await eventually('the reminder at the new time', async () =>
        ((await approver.get('/notices?pageSize=500')).body.items as any[]).find(
          (n) => n.deadlineId === deadlineId && n.step === 'reminder',
        ),
      );
      expect(reminder.dueAt).toBe(moved.dueAt);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const steps = (await noticeStream(deadlineId, api)).map((e) => (e.data as any).step);
      expect(steps.filter((step) => step === 'reminder')).toHaveLength(1);
      // Applying the same SLA again moves nothing.
      expect(await cli(['apply-sla', '--reason', 'again'], io)).toBe(0);
      expect(out.join('')).toContain('0 of 1 open tasks re-dated');
    } finally {
      await worker.close();
      await movedQueue.obliterate({ force: true }).catch(() => undefined);
      await movedQueue.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a rebuild under another TASK_SLA gives every due date and every pending job as they were', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deadlines-rebuild-'));
    const env = { ...ENV, QUEUE_PREFIX: `deadlines-rebuild-${process.pid}`, DATA_DIR: dataDir };
    const rebuildQueue = new Queue(DEADLINE_QUEUE, {
      connection: bullConnection(REDIS_URL, 'producer'),
      prefix: env.QUEUE_PREFIX,
    });
    const api = await startApp({ ...env, TASK_SLA: 'county=600s,municipal=900s' });
    const worker = await startWorker({ ...env, TASK_SLA: 'county=600s,municipal=900s' }, dataDir);
    try {
      const clerk = await signedIn(api.url, 'clerk.xichuan');
      const approver = await signedIn(api.url, 'approver.xichuan');
      await pendingRequest(clerk, approver);
      const { task: forwarded } = await pendingRequest(clerk, approver);
      await approver.post(`/tasks/${forwarded.taskId}/decision`, { decision: 'approve' });
      const readStore = api.app.get<symbol, ReadStore>(READ_STORE);
      const dueDates = () =>
        readStore.db.selectFrom('tasks').select(['task_id', 'due_at', 'status']).orderBy('task_id').execute();
      const deadlines = () =>
        readStore.db
          .selectFrom('deadlines')
          .select(['deadline_id', 'due_at', 'status'])
          .orderBy('deadline_id')
          .execute();
      const jobs = async () => (await rebuildQueue.getRanges(['delayed', 'waiting'])).sort();
      const before = { tasks: await dueDates(), deadlines: await deadlines() };
      expect(before.tasks).toHaveLength(3);
      // Two jobs exist for a moment before the scheduler has seen the approval (the two county tasks): wait for the
      // jobs of the deadlines that are pending now, the county task still open and the municipal one.
      const pending = before.deadlines.filter((d) => d.status === 'pending').map((d) => d.deadline_id);
      expect(pending).toHaveLength(2);
      const jobsBefore = await eventually('a job for each pending deadline', async () => {
        const ids = await jobs();
        const matched = pending.every((id) => ids.some((job) => job.startsWith(`${id}.`)));
        return matched && ids.length === pending.length ? ids : undefined;
      });

      const other = loadConfig({
        ...process.env,
        ...env,
        TASK_SLA: 'county=1,municipal=2',
        LOG_LEVEL: 'silent',
      });
      await runRebuild(other, {});
      expect({ tasks: await dueDates(), deadlines: await deadlines() }).toEqual(before);
      // The scheduler follows the rebuilt read models and the log: the same jobs, none added, none dropped.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await jobs()).toEqual(jobsBefore);
    } finally {
      await worker.close();
      await rebuildQueue.obliterate({ force: true }).catch(() => undefined);
      await rebuildQueue.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
