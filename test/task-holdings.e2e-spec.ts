import { registration, RETENTION, signedIn, startApp, type Client, type RunningApp } from './support/app';

let running: RunningApp;
const as: Record<string, Client> = {};
let claimedTask: string;
let waitingTask: string;

async function requestRetention(clerk: Client, unitId: string): Promise<string> {
  const registered = await clerk.post('/offices', registration(unitId, 'urumqi', { pairedAssistance: true }));
  expect(registered.status).toBe(201);
  const requested = await clerk.post(`/offices/${registered.body.officeId}/retention-request`, RETENTION);
  expect(requested.status).toBe(200);
  return registered.body.officeId;
}

beforeAll(async () => {
  running = await startApp();
  for (const name of ['admin', 'clerk.xichuan', 'clerk.tanghe', 'approver.xichuan', 'supervisor.nanyang']) {
    as[name] = await signedIn(running.url, name);
  }
  const first = await requestRetention(as['clerk.xichuan']!, 'henan.nanyang.xichuan');
  const second = await requestRetention(as['clerk.xichuan']!, 'henan.nanyang.xichuan');
  const tasks = (await as['approver.xichuan']!.get('/tasks')).body.items as {
    taskId: string;
    officeId: string;
  }[];
  claimedTask = tasks.find((task) => task.officeId === first)!.taskId;
  waitingTask = tasks.find((task) => task.officeId === second)!.taskId;
  expect((await as['approver.xichuan']!.post(`/tasks/${claimedTask}/claim`)).status).toBe(200);
}, 30_000);

afterAll(async () => {
  await running.close();
});

describe('GET /tasks/holdings', () => {
  it('shows a supervisor who holds which open task, and which wait unclaimed, with since when', async () => {
    const reply = await as['supervisor.nanyang']!.get('/tasks/holdings');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ open: 2, overdue: 0 });
    const holder = reply.body.holdings.find((h: any) => h.assignee === 'approver.xichuan');
    expect(holder).toMatchObject({
      candidateGroup: 'county@henan.nanyang.xichuan',
      tier: 'county',
      open: 1,
      tasks: [{ taskId: claimedTask, kind: 'retention' }],
    });
    const pool = reply.body.holdings.find((h: any) => h.assignee === null);
    expect(pool).toMatchObject({ open: 1, tasks: [{ taskId: waitingTask }] });
    expect(Date.parse(pool.oldestSince)).toBeLessThanOrEqual(Date.parse(reply.body.at));
  });

  it('narrows to a unit, and an admin sees the same', async () => {
    const tanghe = await as['supervisor.nanyang']!.get('/tasks/holdings?unitId=henan.nanyang.tanghe');
    expect(tanghe.body).toMatchObject({ open: 0, holdings: [] });
    const admin = await as['admin']!.get('/tasks/holdings?unitId=henan.nanyang.xichuan');
    expect(admin.body.open).toBe(2);
  });

  it('refuses an unknown unit (400 naming the field), a unit outside the jurisdiction and other roles', async () => {
    const unknown = await as['supervisor.nanyang']!.get('/tasks/holdings?unitId=nowhere');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('unitId');
    const outside = await as['supervisor.nanyang']!.get('/tasks/holdings?unitId=410300');
    expect(outside.status).toBe(403);
    expect((await as['approver.xichuan']!.get('/tasks/holdings')).status).toBe(403);
    expect((await as['clerk.tanghe']!.get('/tasks/holdings')).status).toBe(403);
  });
});
