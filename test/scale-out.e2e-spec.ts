import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@liaison/auth';
import { Projector } from '@liaison/projections';
import {
  client,
  registration,
  RETENTION,
  signedIn,
  specRedisUrl,
  startApp,
  type RunningApp,
} from './support/app';
import { EventStreamReader } from './support/event-stream';
import { eventually } from './support/worker';

/**
 * Two API instances on one event store, one read store and one Redis, both configured to run the projections: the
 * lease lets one feed the read models, the other answers read-your-writes from the checkpoint it commits, and the
 * task stream of either hears every change. When the holder goes, the other takes over.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'offices-scale-out-'));
const env = {
  REDIS_URL: specRedisUrl(6),
  DATA_DIR: dataDir,
  PROJECTION_LEASE_POLL_MS: '100',
  // Long enough that a slow machine's pauses hand nothing over: the hand-over here is the holder stopping.
  PROJECTION_LEASE_TTL_MS: '60000',
};
let first: RunningApp;
let second: RunningApp;
let firstClosed = false;
const streams: EventStreamReader[] = [];

beforeAll(async () => {
  first = await startApp(env);
  await eventually(
    'the first instance holds the lease',
    async () => first.app.get(Projector).leading || undefined,
  );
  second = await startApp(env);
}, 90_000);

afterAll(async () => {
  for (const stream of streams) await stream.close();
  await second?.close();
  if (!firstClosed) await first?.close();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

async function stream(running: RunningApp, username: string): Promise<EventStreamReader> {
  const session = await client(running.url).post('/auth/session', { username, password: DEMO_PASSWORD });
  const cookie = session.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
  const opened = await EventStreamReader.open(`${running.url}/tasks/stream`, { cookie });
  streams.push(opened);
  expect(opened.status).toBe(200);
  return opened;
}

const task = (officeId: string, change: string) => (e: { event?: string; data: string }) =>
  e.event === 'task' && JSON.parse(e.data).officeId === officeId && JSON.parse(e.data).change === change;

describe('two API instances', () => {
  it('one feeds the read models; the other’s commands read their own writes and its streams hear every change', async () => {
    expect(second.app.get(Projector).leading).toBe(false);
    const municipal = await stream(second, 'approver.nanyang');
    const county = await stream(first, 'approver.xichuan');

    // A command on the instance without the lease answers once the read models show it.
    const clerk = await signedIn(second.url, 'clerk.xichuan');
    const office = await clerk.post(
      '/offices',
      registration('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true }),
    );
    expect(office.status).toBe(201);
    const officeId = office.body.officeId as string;
    expect((await clerk.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBe(200);
    const mine = await clerk.get(`/offices/${officeId}`);
    expect(mine.status).toBe(200);

    const arrived = JSON.parse((await county.next(task(officeId, 'arrived'))).data);
    const [, revision] = (arrived.taskId as string).split('/');
    const approver = await signedIn(first.url, 'approver.xichuan');
    expect(
      (await approver.post(`/tasks/${officeId}/${revision}/decision`, { decision: 'approve' })).status,
    ).toBe(200);
    // Published by the holder, heard by the streams of the instance that does not run the projections.
    const reached = JSON.parse((await municipal.next(task(officeId, 'arrived'))).data);
    expect(reached).toMatchObject({ tier: 'municipal', status: 'open' });
    const inbox = await (await signedIn(second.url, 'approver.nanyang')).get('/tasks?view=unclaimed');
    expect(inbox.body.items.map((t: { officeId: string }) => t.officeId)).toContain(officeId);
  }, 60_000);

  it('the other instance takes the lease over when the holder stops, and carries the streams on', async () => {
    const municipal = await stream(second, 'approver.nanyang');
    const clerk = await signedIn(second.url, 'clerk.xichuan');
    await first.close();
    firstClosed = true;
    await eventually(
      'the second instance holds the lease',
      async () => second.app.get(Projector).leading || undefined,
    );

    const office = await clerk.post(
      '/offices',
      registration('henan.nanyang.xichuan', 'kashgar', { pairedAssistance: true }),
    );
    expect(office.status).toBe(201);
    const officeId = office.body.officeId as string;
    expect((await clerk.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBe(200);
    const county = await signedIn(second.url, 'approver.xichuan');
    const inbox = await county.get('/tasks?view=unclaimed');
    const open = inbox.body.items.find((t: { officeId: string }) => t.officeId === officeId);
    expect(open).toBeDefined();
    const [, revision] = (open.taskId as string).split('/');
    expect(
      (await county.post(`/tasks/${officeId}/${revision}/decision`, { decision: 'approve' })).status,
    ).toBe(200);
    await municipal.next(task(officeId, 'arrived'));

    const health = await (await signedIn(second.url, 'admin')).get('/health');
    expect(health.body.readModels.lease).toMatchObject({ live: true });
    expect(health.body.readModels.lease.epoch).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
