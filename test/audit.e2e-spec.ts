import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runRebuild } from '../apps/cli/src/rebuild.command';
import { allTables } from '@liaison/projections/testing/read-model-tables';
import type { ReadStore } from '@liaison/projections';
import { READ_STORE } from '@liaison/application';
import { registration, RETENTION, signedIn, startApp, type Client, type RunningApp } from './support/app';

let running: RunningApp;
const as: Record<string, Client> = {};
let officeId: string;
let between: string;
let taskId: string;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  running = await startApp({ CAMPAIGN: 'nanyang-2015' });
  for (const name of [
    'admin',
    'clerk.xichuan',
    'approver.xichuan',
    'supervisor.nanyang',
    'supervisor.henan',
  ]) {
    as[name] = await signedIn(running.url, name);
  }
  const registered = await as['clerk.xichuan']!.post(
    '/offices',
    registration('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true }),
  );
  officeId = registered.body.officeId;
  await as['clerk.xichuan']!.post(`/offices/${officeId}/retention-request`, RETENTION);
  await pause(30);
  between = new Date().toISOString();
  await pause(30);
  taskId = (await as['approver.xichuan']!.get('/tasks')).body.items.find(
    (t: any) => t.officeId === officeId,
  ).taskId;
  const decided = await as['approver.xichuan']!.post(`/tasks/${taskId}/decision`, {
    decision: 'approve',
    comment: '符合对口援助条件',
  });
  expect(decided.status).toBe(200);
}, 30_000);

afterAll(async () => {
  await running.close();
});

describe('timeline', () => {
  it('shows each event with who, in which role and tier, why, and what it changed', async () => {
    const timeline = await as['supervisor.nanyang']!.get(`/offices/${officeId}/timeline`);
    expect(timeline.status).toBe(200);
    const [registered, requested, dueDate, forwarded] = timeline.body.items;
    expect(registered).toMatchObject({ type: 'OfficeRegistered', actor: 'clerk.xichuan', role: 'clerk' });
    expect(requested.type).toBe('RetentionRequested');
    expect(requested.changes).toContainEqual({ path: 'status', from: 'proposed', to: 'retention-requested' });
    // When the county's task fell due, and by which rule: set with the request, in the same record.
    expect(dueDate).toMatchObject({
      type: 'DeadlineSet',
      actor: 'clerk.xichuan',
      data: { kind: 'task', tier: 'county', basis: { rule: 'task-sla', allowed: { workingDays: 5 } } },
    });
    expect(forwarded).toMatchObject({
      type: 'RetentionForwarded',
      actor: 'approver.xichuan',
      role: 'approver',
      tier: 'county',
      comment: '符合对口援助条件',
    });
    expect(forwarded.changes.length).toBeGreaterThan(0);
  });

  it('pages by position', async () => {
    const first = await as['supervisor.nanyang']!.get(`/offices/${officeId}/timeline?limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBe(first.body.items[1].position);
    const rest = await as['supervisor.nanyang']!.get(
      `/offices/${officeId}/timeline?limit=2&after=${first.body.nextCursor}`,
    );
    expect(rest.body.items.map((e: any) => e.type)).toEqual(['DeadlineSet', 'RetentionForwarded']);
    expect((await as['supervisor.nanyang']!.get(`/offices/${officeId}/timeline?after=x`)).status).toBe(400);
  });

  it("gives a unit's timeline across its offices and filings", async () => {
    const unit = await as['supervisor.nanyang']!.get('/units/henan.nanyang.xichuan/timeline?limit=1000');
    expect(unit.status).toBe(200);
    expect(unit.body.items.filter((e: any) => e.officeId === officeId).map((e: any) => e.type)).toEqual([
      'OfficeRegistered',
      'RetentionRequested',
      'DeadlineSet',
      'RetentionForwarded',
      'DeadlineSet',
    ]);
  });

  it('is for supervisors and admins within their jurisdiction', async () => {
    expect((await as['approver.xichuan']!.get(`/offices/${officeId}/timeline`)).status).toBe(403);
    expect((await as['clerk.xichuan']!.get('/events')).status).toBe(403);
    expect((await as['approver.xichuan']!.get('/audit/verify')).status).toBe(403);
  });
});

describe('as of an instant', () => {
  it('shows the request pending between the request and its approval', async () => {
    const then = await as['supervisor.nanyang']!.get(`/offices/${officeId}/as-of?at=${between}`);
    expect(then.status).toBe(200);
    expect(then.body).toMatchObject({ registered: true, status: 'retention-requested', version: 3 });
    const now = await as['supervisor.nanyang']!.get(
      `/offices/${officeId}/as-of?at=${new Date().toISOString()}`,
    );
    expect(now.body.version).toBe(5);
    const before = await as['supervisor.nanyang']!.get(
      `/offices/${officeId}/as-of?at=2015-10-31T16:00:00.000Z`,
    );
    expect(before.body).toMatchObject({ registered: false });
    expect((await as['supervisor.nanyang']!.get(`/offices/${officeId}/as-of?at=yesterday`)).status).toBe(400);
  });

  it('gives the campaign figures at that instant, with what was overdue', async () => {
    const then = await as['supervisor.nanyang']!.get(`/campaign/as-of?at=${between}`);
    expect(then.status).toBe(200);
    expect(then.body.byStatus['retention-requested']).toBe(1);
    expect(then.body.byUnit['henan.nanyang.xichuan']).toEqual({ 'retention-requested': 1 });
    // The plan's 2015 deadlines had passed for every unit that had not filed.
    expect(then.body.overdue.map((o: any) => `${o.kind} ${o.unitId}`)).toContain(
      'work-plan henan.nanyang.xichuan',
    );
    const later = await as['supervisor.nanyang']!.get(`/campaign/as-of?at=${new Date().toISOString()}`);
    expect(later.body.byStatus['retention-requested']).toBe(1);
    expect(later.body.byStatus.proposed).toBe(0);
  });
});

describe('event query and export', () => {
  it('filters by office, type, actor and unit, with a position cursor', async () => {
    const byOffice = await as['supervisor.nanyang']!.get(`/events?officeId=${officeId}`);
    expect(byOffice.body.items.map((e: any) => e.type)).toEqual([
      'OfficeRegistered',
      'RetentionRequested',
      'DeadlineSet',
      'RetentionForwarded',
      'DeadlineSet',
    ]);
    const byActor = await as['supervisor.nanyang']!.get('/events?actor=approver.xichuan');
    expect(byActor.body.items.map((e: any) => e.type)).toEqual(['RetentionForwarded', 'DeadlineSet']);
    const byType = await as['supervisor.nanyang']!.get(
      '/events?type=RetentionRequested&unitId=henan.nanyang.xichuan',
    );
    expect(byType.body.items).toHaveLength(1);
    expect(byType.body.items[0].unitId).toBe('henan.nanyang.xichuan');
    const outside = await as['supervisor.nanyang']!.get(
      '/events?type=RetentionRequested&unitId=henan.nanyang.xixia',
    );
    expect(outside.body.items).toHaveLength(0);
    const byTime = await as['supervisor.nanyang']!.get(`/events?officeId=${officeId}&to=${between}`);
    expect(byTime.body.items).toHaveLength(3);
    const page = await as['supervisor.nanyang']!.get(`/events?officeId=${officeId}&limit=2`);
    expect(page.body.nextCursor).toBe(page.body.items[1].position);
    const next = await as['supervisor.nanyang']!.get(
      `/events?officeId=${officeId}&after=${page.body.nextCursor}`,
    );
    expect(next.body.items.map((e: any) => e.type)).toEqual([
      'DeadlineSet',
      'RetentionForwarded',
      'DeadlineSet',
    ]);
    expect((await as['supervisor.nanyang']!.get('/events?from=soon')).status).toBe(400);
  });

  it('exports CSV and JSON Lines', async () => {
    const token = (await fetch(`${running.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor.nanyang', password: 'demo-password' }),
    }).then((r) => r.json())) as { accessToken: string };
    const auth = { authorization: `Bearer ${token.accessToken}` };
    const csvReply = await fetch(`${running.url}/events/export?format=csv&officeId=${officeId}`, {
      headers: auth,
    });
    expect(csvReply.status).toBe(200);
    expect(csvReply.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csvReply.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'position,occurredAt,recordedAt,streamId,revision,type,unitId,actor,role,tier,comment,eventId,data',
    );
    expect(lines).toHaveLength(6);
    expect(lines[4]).toContain('RetentionForwarded');
    expect(lines[4]).toContain('符合对口援助条件');
    const jsonl = await fetch(`${running.url}/events/export?format=jsonl&officeId=${officeId}`, {
      headers: auth,
    });
    const records = (await jsonl.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((r) => r.type)).toEqual([
      'OfficeRegistered',
      'RetentionRequested',
      'DeadlineSet',
      'RetentionForwarded',
      'DeadlineSet',
    ]);
    // The README's recipe: every hash recomputes from the exported line alone, with any RFC 8785 library.
    let prev = '0'.repeat(64);
    for (const { metadata, ...r } of records) {
      const { chain, ...rest } = metadata;
      const content = {
        v: 2,
        prev,
        streamId: r.streamId,
        revision: String(r.revision),
        id: r.eventId,
        type: r.type,
        recordedAt: r.recordedAt,
        data: r.data,
        metadata: rest,
      };
      expect(chain).toEqual({ v: 2, prev, hash: sha256(canonicalize(content)!) });
      prev = chain.hash;
    }
  });
});

describe('rebuild', () => {
  it('rebuilds every read model while the API serves, and gives what the incremental build had', async () => {
    const readStore = running.app.get<symbol, ReadStore>(READ_STORE);
    const before = await allTables(readStore);
    expect(before.offices!.length).toBeGreaterThan(0);
    const progress: number[] = [];
    const summary = await runRebuild(running.config, {
      onProgress: (p) => progress.push(p.events),
      maxBatch: 5,
    });
    expect(summary.events).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toBe(summary.events);
    expect(await allTables(readStore)).toEqual(before);
    // The API's own projector carries on afterwards: a new command shows up in the lists.
    const registered = await as['clerk.xichuan']!.post(
      '/offices',
      registration('henan.nanyang.xichuan', 'zhengzhou'),
    );
    expect(registered.status).toBe(201);
    expect(registered.body.readModelsLagging).toBeUndefined();
    const health = await as['admin']!.get('/health');
    expect(health.body.readModels).toMatchObject({ upToDate: true, rebuilding: null });
  }, 30_000);
});

describe('verification', () => {
  it('an intact record verifies; an anchor covers every stream', async () => {
    const anchored = await as['admin']!.post('/audit/anchors');
    expect(anchored.status).toBe(201);
    expect(anchored.body.anchor.headsDigest).toMatch(/^[0-9a-f]{64}$/);
    const report = await as['supervisor.nanyang']!.get('/audit/verify');
    expect(report.body).toMatchObject({ intact: true, anchors: 1 });
    expect(report.body.lastAnchor).toMatchObject({
      upTo: anchored.body.anchor.upTo,
      anchorHash: anchored.body.anchor.anchorHash,
    });
    expect(report.body.events).toBeGreaterThan(3);
  });

  it('a record changed on disk names the first event that is not intact', async () => {
    const db = new Database(join(running.dataDir, 'events.sqlite'));
    db.prepare(
      `UPDATE events SET metadata = json_set(metadata, '$.actor', 'someone.else')
       WHERE stream_id = ? AND revision = 2`,
    ).run(`office-${officeId}`);
    db.close();
    const report = await as['supervisor.nanyang']!.get('/audit/verify');
    expect(report.body.intact).toBe(false);
    expect(report.body.firstBroken).toMatchObject({ streamId: `office-${officeId}`, revision: '2' });
  });
});
