import {
  client,
  registration,
  RETENTION,
  signedIn,
  startApp,
  type Client,
  type RunningApp,
} from './support/app';

let running: RunningApp;
const as: Record<string, Client> = {};

beforeAll(async () => {
  running = await startApp();
  const names = [
    'admin',
    'clerk.xichuan',
    'clerk.nanyang',
    'approver.xichuan',
    'approver.xichuan.2',
    'approver.xixia',
    'approver.nanyang',
    'approver.henan',
    'approver.fangcheng',
    'supervisor.nanyang',
  ];
  for (const name of names) as[name] = await signedIn(running.url, name);
});

afterAll(async () => {
  await running.close();
});

async function registerAs(clerk: string, sponsor: string, host: string, extra: Record<string, unknown> = {}) {
  const reply = await as[clerk]!.post('/offices', registration(sponsor, host, extra));
  expect(reply.status).toBe(201);
  return reply.body.officeId as string;
}

/** The one open task of an office in an approver's inbox, or undefined. */
async function taskOf(approver: string, officeId: string) {
  const inbox = await as[approver]!.get('/tasks?pageSize=200');
  expect(inbox.status).toBe(200);
  return inbox.body.items.find((t: any) => t.officeId === officeId);
}

const path = (task: { taskId: string }) => `/tasks/${task.taskId}`;

describe('sign-in', () => {
  it('every route but login, health and the OpenAPI page needs a token', async () => {
    const anonymous = client(running.url);
    expect((await anonymous.get('/offices')).status).toBe(401);
    expect((await anonymous.get('/tasks')).status).toBe(401);
    expect((await anonymous.get('/rules')).status).toBe(401);
    expect((await anonymous.get('/health')).status).toBe(200);
    expect((await anonymous.get('/docs/openapi.json')).status).toBe(200);
    const forged = client(running.url, { authorization: 'Bearer not.a.token' });
    expect((await forged.get('/offices')).status).toBe(401);
    const wrong = await anonymous.post('/auth/login', { username: 'admin', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    const me = await as['approver.xichuan']!.get('/auth/me');
    expect(me.body).toMatchObject({ username: 'approver.xichuan', role: 'approver' });
  });
});

describe('tier-by-tier approval through the inboxes', () => {
  it('a paired-assistance county office goes county → municipal → provincial, each inbox updated at once', async () => {
    const officeId = await registerAs('clerk.xichuan', 'henan.nanyang.xichuan', 'urumqi', {
      pairedAssistance: true,
    });
    expect(
      (await as['clerk.xichuan']!.post(`/offices/${officeId}/retention-request`, RETENTION)).status,
    ).toBe(200);

    const county = await taskOf('approver.xichuan', officeId);
    expect(county).toMatchObject({ tier: 'county', jurisdictionId: 'henan.nanyang.xichuan', assignee: null });
    const claimed = await as['approver.xichuan']!.post(`${path(county)}/claim`);
    expect(claimed.status).toBe(200);
    expect(
      (await as['approver.xichuan']!.get('/tasks?view=mine')).body.items.map((t: any) => t.officeId),
    ).toContain(officeId);
    // The detail and history of the office are open to the approver who decides it.
    expect((await as['approver.xichuan']!.get(`/offices/${officeId}/history`)).status).toBe(200);
    const approved = await as['approver.xichuan']!.post(`${path(county)}/decision`, {
      decision: 'approve',
      comment: '同意,报市级',
    });
    expect(approved.status).toBe(200);
    // Read-your-writes: gone from her inbox, in the municipal one, on the very next call.
    expect(await taskOf('approver.xichuan', officeId)).toBeUndefined();
    const municipal = await taskOf('approver.nanyang', officeId);
    expect(municipal).toMatchObject({ tier: 'municipal', jurisdictionId: 'henan.nanyang' });

    expect(
      (await as['approver.nanyang']!.post(`${path(municipal)}/decision`, { decision: 'approve' })).status,
    ).toBe(200);
    const provincial = await taskOf('approver.henan', officeId);
    const final = await as['approver.henan']!.post(`${path(provincial)}/decision`, {
      decision: 'approve',
      comment: '准予保留',
    });
    expect(final.body.status).toBe('retained');

    const history = (await as['admin']!.get(`/offices/${officeId}/history`)).body.items;
    expect(history.map((e: any) => [e.type, e.actor, e.role, e.tier ?? null])).toEqual([
      ['OfficeRegistered', 'clerk.xichuan', 'clerk', null],
      ['RetentionRequested', 'clerk.xichuan', 'clerk', null],
      ['DeadlineSet', 'clerk.xichuan', 'clerk', null],
      ['TaskClaimed', 'approver.xichuan', 'approver', 'county'],
      ['RetentionForwarded', 'approver.xichuan', 'approver', 'county'],
      ['DeadlineSet', 'approver.xichuan', 'approver', 'county'],
      ['RetentionForwarded', 'approver.nanyang', 'approver', 'municipal'],
      ['DeadlineSet', 'approver.nanyang', 'approver', 'municipal'],
      ['RetentionApproved', 'approver.henan', 'approver', 'provincial'],
    ]);
    expect(history[4].comment).toBe('同意,报市级');
    // Each task's due date is on record with what fixed it.
    expect(history[2].data).toMatchObject({ kind: 'task', tier: 'county', basis: { rule: 'task-sla' } });
  });

  it("the municipal government's Zhengzhou office goes municipal → provincial", async () => {
    const officeId = await registerAs('clerk.nanyang', 'henan.nanyang', 'zhengzhou');
    await as['clerk.nanyang']!.post(`/offices/${officeId}/retention-request`, RETENTION);
    expect(await taskOf('approver.xichuan', officeId)).toBeUndefined();
    const municipal = await taskOf('approver.nanyang', officeId);
    await as['approver.nanyang']!.post(`${path(municipal)}/decision`, { decision: 'approve' });
    const provincial = await taskOf('approver.henan', officeId);
    const reply = await as['approver.henan']!.post(`${path(provincial)}/decision`, { decision: 'approve' });
    expect(reply.body.status).toBe('retained');
  });

  it('a decision resent with its Idempotency-Key after the task closed answers as its first run did', async () => {
    const officeId = await registerAs('clerk.nanyang', 'henan.nanyang', 'zhengzhou');
    await as['clerk.nanyang']!.post(`/offices/${officeId}/retention-request`, RETENTION);
    const municipal = await taskOf('approver.nanyang', officeId);
    const key = { 'Idempotency-Key': `decide-${officeId}` };
    const first = await as['approver.nanyang']!.post(
      `${path(municipal)}/decision`,
      { decision: 'approve' },
      key,
    );
    expect(first.status).toBe(200);
    // The reply was lost: the same request again, the task now closed.
    const retry = await as['approver.nanyang']!.post(
      `${path(municipal)}/decision`,
      { decision: 'approve' },
      key,
    );
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({
      replayed: true,
      version: first.body.version,
      status: first.body.status,
    });
    // Without the key, or with another, the closed task is a conflict; nothing more was appended.
    const other = await as['approver.nanyang']!.post(`${path(municipal)}/decision`, { decision: 'approve' });
    expect(other.status).toBe(409);
    const fresh = { 'Idempotency-Key': `decide-again-${officeId}` };
    expect(
      (await as['approver.nanyang']!.post(`${path(municipal)}/decision`, { decision: 'approve' }, fresh))
        .status,
    ).toBe(409);
    const history = await as['clerk.nanyang']!.get(`/offices/${officeId}/history`);
    expect(history.body.items.filter((e: { type: string }) => e.type === 'RetentionForwarded')).toHaveLength(
      1,
    );
  });

  it('a rejection leads to abolition', async () => {
    const officeId = await registerAs('clerk.nanyang', 'henan.nanyang.fangcheng', 'wuhan', {
      pairedAssistance: true,
    });
    await as['clerk.nanyang']!.post(`/offices/${officeId}/retention-request`, RETENTION);
    const task = await taskOf('approver.fangcheng', officeId);
    const noReason = await as['approver.fangcheng']!.post(`${path(task)}/decision`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toContainEqual(
      expect.objectContaining({ field: 'comment', rule: 'isNotEmpty' }),
    );
    const rejected = await as['approver.fangcheng']!.post(`${path(task)}/decision`, {
      decision: 'reject',
      comment: '援助任务已结束',
    });
    expect(rejected.body.status).toBe('rejected');
    const abolished = await as['clerk.nanyang']!.post(`/offices/${officeId}/abolition`, {
      decisionReference: '方政〔2015〕9号',
    });
    expect(abolished.body.status).toBe('abolished');
  });

  it('a return with a comment goes back to the clerk; the resubmission comes back to the same inbox', async () => {
    const officeId = await registerAs('clerk.nanyang', 'henan.nanyang', 'zhengzhou');
    await as['clerk.nanyang']!.post(`/offices/${officeId}/retention-request`, RETENTION);
    const task = await taskOf('approver.nanyang', officeId);
    const returned = await as['approver.nanyang']!.post(`${path(task)}/decision`, {
      decision: 'return',
      comment: '请补充接待经费公开情况(五(三))',
    });
    expect(returned.body.status).toBe('returned-for-revision');
    expect(await taskOf('approver.nanyang', officeId)).toBeUndefined();
    const detail = (await as['clerk.nanyang']!.get(`/offices/${officeId}`)).body;
    expect(detail.returned).toEqual({ tier: 'municipal', comment: '请补充接待经费公开情况(五(三))' });
    await as['clerk.nanyang']!.post(`/offices/${officeId}/retention-request/resubmission`, RETENTION);
    const again = await taskOf('approver.nanyang', officeId);
    expect(again).toMatchObject({ tier: 'municipal' });
    expect(again.taskId).not.toBe(task.taskId);
  });

  it('delegation hands a claimed task to another approver of the same group, and is recorded', async () => {
    const officeId = await registerAs('clerk.xichuan', 'henan.nanyang.xichuan', 'xian', {
      pairedAssistance: true,
    });
    await as['clerk.xichuan']!.post(`/offices/${officeId}/retention-request`, RETENTION);
    const task = await taskOf('approver.xichuan', officeId);
    await as['approver.xichuan']!.post(`${path(task)}/claim`);
    const other = await as['approver.xichuan.2']!.post(`${path(task)}/claim`);
    expect(other.status).toBe(409);
    expect(other.body.task.assignee).toBe('approver.xichuan');
    const outside = await as['approver.xichuan']!.post(`${path(task)}/delegate`, { to: 'approver.xixia' });
    expect(outside.status).toBe(422);
    expect(outside.body.details[0].field).toBe('to');
    const handed = await as['approver.xichuan']!.post(`${path(task)}/delegate`, { to: 'approver.xichuan.2' });
    expect(handed.status).toBe(200);
    expect(handed.body.task.assignee).toBe('approver.xichuan.2');
    const byFormerHolder = await as['approver.xichuan']!.post(`${path(handed.body.task)}/decision`, {
      decision: 'approve',
    });
    expect(byFormerHolder.status).toBe(409);
    const released = await as['approver.xichuan.2']!.post(`${path(handed.body.task)}/release`);
    expect(released.body.task.assignee).toBeNull();
    const events = (await as['admin']!.get(`/offices/${officeId}/history`)).body.items.map(
      (e: any) => e.type,
    );
    expect(events.slice(-3)).toEqual(['TaskClaimed', 'TaskDelegated', 'TaskReleased']);
  });
});

describe('jurisdiction', () => {
  it("another county's approver can neither see nor act on the task, and a clerk cannot register for another unit", async () => {
    const officeId = await registerAs('clerk.xichuan', 'henan.nanyang.xichuan', 'shenzhen', {
      pairedAssistance: true,
    });
    await as['clerk.xichuan']!.post(`/offices/${officeId}/retention-request`, RETENTION);
    const task = await taskOf('approver.xichuan', officeId);
    const xixia = as['approver.xixia']!;
    expect(await taskOf('approver.xixia', officeId)).toBeUndefined();
    expect((await xixia.get(`/offices/${officeId}`)).status).toBe(404);
    expect((await xixia.get(path(task))).status).toBe(404);
    expect((await xixia.post(`${path(task)}/claim`)).status).toBe(404);
    expect((await xixia.post(`${path(task)}/decision`, { decision: 'approve' })).status).toBe(404);
    const direct = await xixia.post(`/offices/${officeId}/retention-decisions`, {
      tier: 'county',
      decision: 'approve',
    });
    expect(direct.status).toBe(404);
    expect((await xixia.get(`/offices?unitId=henan.nanyang.xichuan`)).body.total).toBe(0);
    // A municipal approver sees the office but cannot take a county decision.
    const municipal = await as['approver.nanyang']!.post(`${path(task)}/decision`, { decision: 'approve' });
    expect(municipal.status).toBe(403);
    // Nothing of that changed the office.
    expect((await as['clerk.xichuan']!.get(`/offices/${officeId}`)).body).toMatchObject({
      version: 3,
      pendingTier: 'county',
    });

    const foreign = await as['clerk.xichuan']!.post(
      '/offices',
      registration('henan.nanyang.xixia', 'zhengzhou'),
    );
    expect(foreign.status).toBe(403);
    const supervisor = await as['supervisor.nanyang']!.get(`/offices/${officeId}/history`);
    expect(supervisor.status).toBe(200);
    expect((await as['supervisor.nanyang']!.get('/tasks')).status).toBe(403);
  });
});

describe('concurrency', () => {
  it('two approvers deciding the same task at the same moment: exactly one succeeds, never two forwards (200 races)', async () => {
    const first = as['approver.xichuan']!;
    const second = as['approver.xichuan.2']!;
    let conflicts = 0;
    for (let race = 0; race < 200; race++) {
      const officeId = await registerAs('clerk.xichuan', 'henan.nanyang.xichuan.commerce', 'beijing', {
        pairedAssistance: true,
      });
      await as['clerk.xichuan']!.post(`/offices/${officeId}/retention-request`, RETENTION);
      const task = await taskOf('approver.xichuan', officeId);
      const replies = await Promise.all([
        first.post(`${path(task)}/decision`, { decision: 'approve' }),
        second.post(`${path(task)}/decision`, { decision: 'approve' }),
      ]);
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const loser = replies.find((r) => r.status === 409)!;
      expect(loser.body.task).toMatchObject({ status: 'done', outcome: 'forwarded' });
      conflicts += 1;
      const forwards = (await as['admin']!.get(`/offices/${officeId}/history`)).body.items.filter(
        (e: any) => e.type === 'RetentionForwarded',
      );
      expect(forwards).toHaveLength(1);
    }
    expect(conflicts).toBe(200);
  }, 120000);
});
