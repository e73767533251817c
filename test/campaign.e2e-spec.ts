import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { bullConnection, DEADLINE_QUEUE } from '@liaison/app';
import { registration, signedIn, specRedisUrl, startApp, type Client, type RunningApp } from './support/app';
import { eventually, startWorker } from './support/worker';

/**
 * Nanyang's campaign with the plan's own dates (2015): every phase deadline long past, so the worker sends every
 * step at once when it starts, except where a unit filed in time or a deadline was moved into the future.
 */
const REDIS_URL = specRedisUrl(10);
const ENV = {
  REDIS_URL,
  QUEUE_PREFIX: `campaign-e2e-${process.pid}`,
  CAMPAIGN: 'nanyang-2015',
  ESCALATION_LADDER: 'reminder=0s,escalation=1s,leading-group=2s',
  DEADLINE_RECONCILE_MS: '1000',
};

let running: RunningApp;
let worker: INestApplicationContext | undefined;
const as: Record<string, Client> = {};

beforeAll(async () => {
  running = await startApp(ENV);
  for (const name of [
    'admin',
    'clerk.xichuan',
    'clerk.xixia',
    'clerk.tanghe',
    'supervisor.nanyang',
    'approver.xichuan',
  ]) {
    as[name] = await signedIn(running.url, name);
  }
}, 30_000);

afterAll(async () => {
  await worker?.close();
  const queue = new Queue(DEADLINE_QUEUE, {
    connection: bullConnection(REDIS_URL, 'producer'),
    prefix: ENV.QUEUE_PREFIX,
  });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await running.close();
});

const plan = {
  leadDepartment: '县政府办公室',
  liaisonPerson: { name: '王联络', phone: '0377-69212345' },
  plan: '全面清理驻郑州办事机构',
};

describe('the campaign and its phase deadlines (七)', () => {
  it('is launched at start with the plan’s dates and every filing unit', async () => {
    const campaign = await as['clerk.xichuan']!.get('/campaign');
    expect(campaign.status).toBe(200);
    expect(campaign.body.deadlines).toEqual({
      plan: '2015-06-15T16:00:00.000Z',
      'carry-out': '2015-10-31T16:00:00.000Z',
      summary: '2015-11-15T16:00:00.000Z',
    });
    expect(campaign.body.units.map((u: any) => u.unitId)).toEqual(
      expect.arrayContaining(['henan.nanyang.xichuan', 'henan.nanyang.xixia', 'henan.nanyang.commerce']),
    );
  });

  it('files a work plan for the clerk’s own unit only, with clear errors for bad input', async () => {
    const filed = await as['clerk.xixia']!.post('/units/henan.nanyang.xixia/work-plan', plan);
    expect(filed.status).toBe(200);
    expect(filed.body.recorded).toEqual(['WorkPlanFiled']);
    expect(
      (await as['clerk.xixia']!.post('/units/henan.nanyang.xixia/work-plan', plan)).body.recorded,
    ).toEqual([]);
    const other = await as['clerk.xixia']!.post('/units/henan.nanyang.tanghe/work-plan', plan);
    expect(other.status).toBe(403);
    const bad = await as['clerk.xixia']!.post('/units/henan.nanyang.xixia/work-plan', {
      ...plan,
      liaisonPerson: {},
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/liaisonPerson\.name/);
    const early = await as['clerk.tanghe']!.post('/units/henan.nanyang.tanghe/work-summary', {
      summary: '完成',
    });
    expect(early.status).toBe(409);
    expect(JSON.stringify(early.body)).toMatch(/plan comes first/);
  });

  it('moves the summary deadline (admins only) and refuses an order the plan forbids', async () => {
    const soon = new Date(Date.now() + 6000).toISOString();
    expect(
      (await as['clerk.xichuan']!.post('/campaign/phases/summary/deadline', { to: soon, reason: '延期' }))
        .status,
    ).toBe(403);
    const backwards = await as['admin']!.post('/campaign/phases/carry-out/deadline', {
      to: '2015-01-01T00:00:00.000Z',
      reason: 'x',
    });
    expect(backwards.status).toBe(422);
    expect(JSON.stringify(backwards.body)).toMatch(/七/);
    expect(
      (await as['admin']!.post('/campaign/phases/autumn/deadline', { to: soon, reason: 'x' })).status,
    ).toBe(400);
    const moved = await as['admin']!.post('/campaign/phases/summary/deadline', {
      to: soon,
      reason: '省局通知延期',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.deadlines.summary).toBe(soon);
  });

  it('a worker that starts late sends every overdue notice at once, none for what was filed, and the rest on time', async () => {
    // 淅川 files its summary plan and summary before the moved summary deadline; 唐河 files nothing.
    await as['clerk.xichuan']!.post('/units/henan.nanyang.xichuan/work-plan', plan);
    await as['clerk.xichuan']!.post('/units/henan.nanyang.xichuan/work-summary', {
      summary: '已撤销1个,资产移交',
    });
    // Two county-department offices the plan says to abolish (三): one abolished in time, one not.
    const kept = await as['clerk.tanghe']!.post(
      '/offices',
      registration('henan.nanyang.tanghe.commerce', 'zhengzhou'),
    );
    const done = await as['clerk.tanghe']!.post(
      '/offices',
      registration('henan.nanyang.tanghe.commerce', 'zhengzhou'),
    );
    expect([kept.status, done.status]).toEqual([201, 201]);
    expect(kept.body.office.disposition.outcome).toBe('abolish');
    const abolished = await as['clerk.tanghe']!.post(`/offices/${done.body.officeId}/abolition`, {
      decisionReference: '唐政〔2015〕9号',
    });
    expect(abolished.status).toBe(200);
    worker = await startWorker(ENV, running.dataDir);

    // 唐河's work plan, overdue since 2015: reminder to its clerks, escalation and leading group to the city.
    const tanghe = await eventually('唐河 work-plan reminder', async () =>
      ((await as['clerk.tanghe']!.get('/notices?pageSize=500')).body.items as any[]).find(
        (n) => n.deadlineId === 'work-plan.henan.nanyang.tanghe',
      ),
    );
    expect(tanghe.step).toBe('reminder');
    await eventually('唐河 on the circulation list', async () =>
      ((await as['supervisor.nanyang']!.get('/notices/circulation?pageSize=500')).body.items as any[]).some(
        (item) => item.deadlineId === 'work-plan.henan.nanyang.tanghe',
      )
        ? true
        : undefined,
    );
    const city = ((await as['supervisor.nanyang']!.get('/notices?pageSize=500')).body.items as any[]).filter(
      (n) => n.deadlineId === 'work-plan.henan.nanyang.tanghe',
    );
    expect(city.map((n) => n.step).sort()).toEqual(['escalation', 'leading-group']);
    // Filed in time: no notices for 西峡's plan, nor 淅川's.
    const filedUnits = (
      (await as['supervisor.nanyang']!.get('/notices?pageSize=500')).body.items as any[]
    ).filter(
      (n) =>
        n.deadlineId === 'work-plan.henan.nanyang.xixia' ||
        n.deadlineId === 'work-plan.henan.nanyang.xichuan',
    );
    expect(filedUnits).toEqual([]);
    // The moved summary deadline has not passed yet: no summary notice so far.
    const early = ((await as['clerk.tanghe']!.get('/notices?pageSize=500')).body.items as any[]).filter(
      (n) => n.kind === 'work-summary',
    );
    expect(early).toEqual([]);
    // Then it passes: 唐河 is reminded, 淅川 (filed) is not.
    const summary = await eventually('唐河 summary reminder', async () =>
      ((await as['clerk.tanghe']!.get('/notices?pageSize=500')).body.items as any[]).find(
        (n) => n.deadlineId === 'work-summary.henan.nanyang.tanghe',
      ),
    );
    expect(Date.parse(summary.sentAt)).toBeGreaterThanOrEqual(Date.parse(summary.dueAt));
    const xichuan = ((await as['clerk.xichuan']!.get('/notices?pageSize=500')).body.items as any[]).filter(
      (n) => n.kind === 'work-summary' || n.kind === 'work-plan',
    );
    expect(xichuan).toEqual([]);

    // The office still not abolished after the carry-out phase reaches the city; the abolished one does not.
    const abolition = (
      (await as['supervisor.nanyang']!.get('/notices?pageSize=500')).body.items as any[]
    ).filter((n) => n.kind === 'abolition');
    expect(abolition.map((n) => n.officeId)).toContain(kept.body.officeId);
    expect(abolition.map((n) => n.officeId)).not.toContain(done.body.officeId);
  }, 40_000);
});
