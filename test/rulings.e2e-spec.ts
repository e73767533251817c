import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { taskDeadlineId } from '@liaison/domain';
import { bullConnection, DEADLINE_QUEUE } from '@liaison/app';
import {
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
 * Rulings as tasks (三, not covered): an office the plan does not cover is a task of the provincial approvers, due
 * by the provincial TASK_SLA, reminded and escalated like any other; after the ruling the detail, the list, the
 * tasks and the history agree. SLAs of seconds, real Redis (database 14 is this suite's), the worker in-process.
 */
const REDIS_URL = specRedisUrl(14);
const ENV = {
  REDIS_URL,
  QUEUE_PREFIX: `rulings-e2e-${process.pid}`,
  TASK_SLA: 'county=3s,municipal=3s,provincial=3s',
  ESCALATION_LADDER: 'reminder=0s,escalation=2s,leading-group=600s',
  DEADLINE_RECONCILE_MS: '1000',
  AUDIT_ANCHOR_MS: '0',
};
const USERS = [
  'clerk.nanyang',
  'approver.henan',
  'approver.nanyang',
  'supervisor.henan',
  'supervisor.nanyang',
  'admin',
];

let running: RunningApp;
let worker: INestApplicationContext;
const as: Record<string, Client> = {};

beforeAll(async () => {
  running = await startApp(ENV);
  worker = await startWorker(ENV, running.dataDir);
  for (const name of USERS) as[name] = await signedIn(running.url, name);
}, 30_000);

afterAll(async () => {
  await worker.close();
  const queue = new Queue(DEADLINE_QUEUE, {
    connection: bullConnection(REDIS_URL, 'producer'),
    prefix: ENV.QUEUE_PREFIX,
  });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await running.close();
});

/** The development and reform commission's office in Shanghai: a municipal department outside the province. */
async function uncoveredOffice(): Promise<string> {
  const registered = await as['clerk.nanyang']!.post(
    '/offices',
    registration('henan.nanyang.drc', 'shanghai'),
  );
  expect(registered.status).toBe(201);
  expect(registered.body).toMatchObject({ status: 'awaiting-ruling' });
  return registered.body.officeId as string;
}

async function inboxItem(user: string, officeId: string): Promise<any> {
  const inbox = await as[user]!.get('/tasks?pageSize=500');
  expect(inbox.status).toBe(200);
  return inbox.body.items.find((task: any) => task.officeId === officeId);
}

async function noticesOf(user: string, deadlineId: string): Promise<any[]> {
  const reply = await as[user]!.get('/notices?pageSize=500');
  expect(reply.status).toBe(200);
  return reply.body.items.filter((n: any) => n.deadlineId === deadlineId);
}

describe('an office the plan does not cover', () => {
  it('is a ruling task in the provincial inbox, due by the provincial SLA, reminded and escalated to the province', async () => {
    const officeId = await uncoveredOffice();
    const task = await inboxItem('approver.henan', officeId);
    expect(task).toMatchObject({
      taskId: `${officeId}/0`,
      kind: 'ruling',
      tier: 'provincial',
      jurisdictionId: 'henan',
      candidateGroup: 'provincial@henan',
      status: 'open',
      assignee: null,
    });
    expect(Date.parse(task.dueAt) - Date.parse(task.createdAt)).toBe(3000);
    expect(await inboxItem('approver.nanyang', officeId)).toBeUndefined();
    const detail = await as['clerk.nanyang']!.get(`/offices/${officeId}`);
    expect(detail.body).toMatchObject({
      status: 'awaiting-ruling',
      disposition: { ruleId: 'not-covered', outcome: 'ruling-required' },
      openTask: { taskId: task.taskId, kind: 'ruling', tier: 'provincial', dueAt: task.dueAt },
    });

    const deadlineId = taskDeadlineId(task.taskId);
    const escalation = await eventually('the escalation to the province', async () => {
      const found = (await noticesOf('supervisor.henan', deadlineId)).filter((n) => n.step === 'escalation');
      return found.length > 0 ? found : undefined;
    });
    const reminders = (await noticesOf('approver.henan', deadlineId)).filter((n) => n.step === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ kind: 'task', taskKind: 'ruling', dueAt: task.dueAt });
    expect(reminders[0].message).toContain('provincial ruling');
    expect(escalation).toHaveLength(1);
    expect(Date.parse(escalation[0].sentAt)).toBeGreaterThanOrEqual(Date.parse(task.dueAt) + 2000);
    // Nobody below the province is asked: the city's supervisors hear nothing of it.
    expect(await noticesOf('supervisor.nanyang', deadlineId)).toEqual([]);
    // Overdue in the provincial inbox.
    const overdue = await as['approver.henan']!.get('/tasks?view=overdue&pageSize=500');
    expect(overdue.body.items.map((t: any) => t.taskId)).toContain(task.taskId);
  }, 30_000);

  it('claimed and ruled on from the inbox: the detail, the list, the tasks and the history agree', async () => {
    const officeId = await uncoveredOffice();
    const taskId = `${officeId}/0`;
    const henan = as['approver.henan']!;
    const claimed = await henan.post(`/tasks/${taskId}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.task).toMatchObject({ kind: 'ruling', assignee: 'approver.henan' });
    expect((await henan.get('/tasks?view=mine&pageSize=500')).body.items.map((t: any) => t.taskId)).toContain(
      taskId,
    );

    // A ruling task takes a ruling, not a tier decision; nothing changes.
    const wrong = await henan.post(`/tasks/${taskId}/decision`, { decision: 'approve' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toMatchObject([{ field: 'ruling' }]);
    const noReason = await henan.post(`/tasks/${taskId}/decision`, { ruling: 'abolish' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.map((d: any) => d.field)).toContain('reasoning');
    // Claimed by approver.henan: nobody else rules behind their back.
    const other = await as['admin']!.post(`/offices/${officeId}/ruling`, {
      tier: 'provincial',
      ruling: 'retention-may-be-requested',
      reasoning: 'x',
    });
    expect(other.status).toBe(409);
    expect(other.body.message).toContain('claimed by approver.henan');
    // The clerk may not rule at all.
    const clerk = await as['clerk.nanyang']!.post(`/offices/${officeId}/ruling`, {
      tier: 'provincial',
      ruling: 'abolish',
      reasoning: 'x',
    });
    expect(clerk.status).toBe(403);

    const reasoning = '参照三(一)-b,市直部门驻外省办事机构一律撤销';
    const ruled = await henan.post(`/tasks/${taskId}/decision`, { ruling: 'abolish', reasoning });
    expect(ruled.status).toBe(200);
    expect(ruled.body).toMatchObject({ status: 'proposed', events: [{ type: 'OfficeRuledOn' }] });
    const ruling = { ruling: 'abolish', reasoning, tier: 'provincial' };
    expect(ruled.body.task).toMatchObject({ status: 'done', outcome: 'abolish', ruling });

    const detail = (await as['clerk.nanyang']!.get(`/offices/${officeId}`)).body;
    expect(detail).toMatchObject({
      status: 'proposed',
      disposition: { ruleId: 'not-covered', outcome: 'abolish', ruling },
      nextActions: ['abolish'],
    });
    expect(detail).not.toHaveProperty('openTask');
    const list = await as['clerk.nanyang']!.get('/offices?unitId=henan.nanyang.drc&pageSize=500');
    expect(list.body.items.find((o: any) => o.officeId === officeId)).toMatchObject({
      status: 'proposed',
      ruleId: 'not-covered',
      requiredOutcome: detail.disposition.outcome,
      ruling,
    });
    expect(await inboxItem('approver.henan', officeId)).toBeUndefined();
    expect((await henan.get(`/tasks/${taskId}`)).body).toMatchObject({
      kind: 'ruling',
      outcome: 'abolish',
      ruling,
    });

    const history = (await as['clerk.nanyang']!.get(`/offices/${officeId}/history`)).body;
    expect(history.items.map((e: any) => e.type)).toEqual([
      'OfficeRegistered',
      'DeadlineSet',
      'TaskClaimed',
      'OfficeRuledOn',
    ]);
    expect(history.items[3]).toMatchObject({
      actor: 'approver.henan',
      role: 'approver',
      tier: 'provincial',
      comment: reasoning,
      data: { ruling: 'abolish', reasoning, tier: 'provincial' },
    });
    const timeline = (await as['supervisor.henan']!.get(`/offices/${officeId}/timeline`)).body;
    const entry = timeline.items.find((e: any) => e.type === 'OfficeRuledOn');
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { path: 'office.disposition.outcome', from: 'ruling-required', to: 'abolish' },
        { path: 'office.disposition.ruling.reasoning', from: null, to: reasoning },
      ]),
    );
  }, 30_000);

  it('ruled on at the office itself, the task closes too, and a ruling allowing retention starts a request', async () => {
    const officeId = await uncoveredOffice();
    const task = await inboxItem('approver.henan', officeId);
    const ruled = await as['approver.henan']!.post(`/offices/${officeId}/ruling`, {
      tier: 'provincial',
      ruling: 'retention-may-be-requested',
      reasoning: '方案未作规定,可按三(一)逐级报批',
    });
    expect(ruled.status).toBe(200);
    expect(await inboxItem('approver.henan', officeId)).toBeUndefined();
    expect((await as['approver.henan']!.get(`/tasks/${task.taskId}`)).body).toMatchObject({
      status: 'done',
      outcome: 'retention-may-be-requested',
    });
    const list = await as['clerk.nanyang']!.get('/offices?unitId=henan.nanyang.drc&pageSize=500');
    expect(list.body.items.find((o: any) => o.officeId === officeId)).toMatchObject({
      requiredOutcome: 'retain-or-abolish',
    });
    expect((await as['clerk.nanyang']!.get(`/offices/${officeId}`)).body.disposition).toMatchObject({
      outcome: 'retain-or-abolish',
      retentionStartTier: 'municipal',
    });

    expect(
      (await as['clerk.nanyang']!.post(`/offices/${officeId}/retention-request`, RETENTION)).status,
    ).toBe(200);
    // Registered, its due date, ruled on, requested: the request's task is the event at revision 3.
    expect(await inboxItem('approver.nanyang', officeId)).toMatchObject({
      taskId: `${officeId}/3`,
      kind: 'retention',
      tier: 'municipal',
    });

    // The ruling met its deadline: past its due time, no notice goes out for it.
    await new Promise((resolve) => setTimeout(resolve, Date.parse(task.dueAt) - Date.now() + 2500));
    expect(await noticesOf('approver.henan', taskDeadlineId(task.taskId))).toEqual([]);
  }, 30_000);
});
