import { DEMO_PASSWORD } from '@liaison/auth';
import {
  client,
  registration,
  RETENTION,
  signedIn,
  specRedisUrl,
  startApp,
  type RunningApp,
} from './support/app';
import { HEARTBEAT_MS } from '../apps/api/src/tasks/task-stream.controller';
import { EventStreamReader } from './support/event-stream';

/**
 * GET /tasks/stream against the real app: a county approver's decision reaches the municipal approver's open stream
 * as the task arrives there, and nothing of it reaches the approver of another county.
 */
let running: RunningApp;
const streams: EventStreamReader[] = [];

beforeAll(async () => {
  running = await startApp({ REDIS_URL: specRedisUrl(4) });
}, 60_000);

afterAll(async () => {
  // Closed with the streams still open: the app ends them rather than wait on them.
  await running?.close();
  for (const stream of streams) await stream.close();
}, 15_000);

async function sessionCookie(username: string): Promise<string> {
  const reply = await client(running.url).post('/auth/session', { username, password: DEMO_PASSWORD });
  expect(reply.status).toBe(200);
  return reply.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
}

async function stream(username: string): Promise<EventStreamReader> {
  const opened = await EventStreamReader.open(`${running.url}/tasks/stream`, {
    cookie: await sessionCookie(username),
  });
  streams.push(opened);
  expect(opened.status).toBe(200);
  expect(opened.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return opened;
}

const taskEvents = (reader: EventStreamReader) =>
  reader.events.filter((e) => e.event === 'task').map((e) => JSON.parse(e.data) as Record<string, unknown>);

describe('the task stream', () => {
  it('refuses a caller who is not signed in', async () => {
    const refused = await EventStreamReader.open(`${running.url}/tasks/stream`, {});
    expect(refused.status).toBe(401);
  });

  it('a county decision arrives on the municipal approver’s stream and on no other county’s', async () => {
    const municipal = await stream('approver.nanyang');
    const county = await stream('approver.xichuan');
    const otherCounty = await stream('approver.xixia');
    const clerk = await signedIn(running.url, 'clerk.xichuan');
    const office = await clerk.post(
      '/offices',
      registration('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true }),
    );
    expect(office.status).toBe(201);
    const officeId = office.body.officeId as string;
    expect((await clerk.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBe(200);

    const arrived = await county.next((e) => e.event === 'task' && JSON.parse(e.data).officeId === officeId);
    const task = JSON.parse(arrived.data);
    expect(task).toMatchObject({ change: 'arrived', tier: 'county', status: 'open' });
    // Who may see it is decided on the server; the event names no sponsor or jurisdiction beyond the group.
    expect(task).not.toHaveProperty('sponsorUnitId');

    const approver = await signedIn(running.url, 'approver.xichuan');
    const [, revision] = (task.taskId as string).split('/');
    const decided = await approver.post(`/tasks/${officeId}/${revision}/decision`, { decision: 'approve' });
    expect(decided.status).toBe(200);

    const reached = await municipal.next(
      (e) => e.event === 'task' && JSON.parse(e.data).change === 'arrived',
    );
    expect(JSON.parse(reached.data)).toMatchObject({
      officeId,
      tier: 'municipal',
      candidateGroup: 'municipal@henan.nanyang',
      status: 'open',
    });
    await county.next((e) => e.event === 'task' && JSON.parse(e.data).change === 'left');
    expect(taskEvents(county).map((e) => e.change)).toEqual(['arrived', 'left']);

    // The municipal inbox answers with the task at once: the event came after the read model had it.
    const inbox = await (await signedIn(running.url, 'approver.nanyang')).get('/tasks?view=unclaimed');
    expect(inbox.body.items.map((t: { officeId: string }) => t.officeId)).toContain(officeId);

    // A later change on the same office, to be sure the other county's stream had its chance to hear.
    const claimed = await (
      await signedIn(running.url, 'approver.nanyang')
    ).post(`/tasks/${JSON.parse(reached.data).taskId as string}/claim`);
    expect(claimed.status).toBe(200);
    await municipal.next((e) => e.event === 'task' && JSON.parse(e.data).change === 'changed');
    expect(taskEvents(otherCounty)).toEqual([]);
  }, 30_000);

  it(
    'ends with session-ended at the next heartbeat once the account is disabled',
    async () => {
      const admin = await signedIn(running.url, 'admin');
      const created = await admin.post('/users', {
        username: 'approver.xichuan.stream',
        displayName: '淅川县审批人(推送)',
        role: 'approver',
        unitId: 'henan.nanyang.xichuan',
        reason: '到岗',
      });
      expect(created.status).toBe(201);
      const changed = await client(running.url).post('/auth/login', {
        username: 'approver.xichuan.stream',
        password: created.body.oneTimePassword,
      });
      const token = changed.body.accessToken as string;
      const renewed = await client(running.url, { authorization: `Bearer ${token}` }).post('/auth/password', {
        currentPassword: created.body.oneTimePassword,
        newPassword: 'stream-password',
      });
      expect(renewed.status).toBe(200);
      const opened = await EventStreamReader.open(`${running.url}/tasks/stream`, {
        authorization: `Bearer ${renewed.body.accessToken as string}`,
      });
      streams.push(opened);
      expect(opened.status).toBe(200);
      expect((await admin.post('/users/approver.xichuan.stream/disable', { reason: '调离' })).status).toBe(
        200,
      );
      await opened.next((e) => e.event === 'session-ended', HEARTBEAT_MS + 5000);
      expect(opened.comments).toBeGreaterThanOrEqual(2); // connected, and a heartbeat
      await opened.ended();
    },
    HEARTBEAT_MS + 30_000,
  );
});
