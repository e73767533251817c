import { signedIn, specRedisUrl, startApp, type Client, type RunningApp } from './support/app';

/**
 * The report follows the campaign (七, 七(三)) through the running app: moving the summary phase moves the report's
 * steps, recorded with who moved them and why; a unit's summary falls due for the Bureau's inspection once filed.
 */
const ENV = {
  REDIS_URL: specRedisUrl(0),
  QUEUE_PREFIX: `report-follow-e2e-${process.pid}`,
  CAMPAIGN: 'nanyang-2015',
};
const CITY = 'henan.nanyang';
const XICHUAN = 'henan.nanyang.xichuan';

let running: RunningApp;
const as: Record<string, Client> = {};

beforeAll(async () => {
  running = await startApp(ENV);
  for (const name of ['admin', 'clerk.xichuan', 'supervisor.nanyang']) {
    as[name] = await signedIn(running.url, name);
  }
}, 30_000);

afterAll(async () => {
  await running.close();
});

interface Step {
  step: string;
  dueAt: string;
}

describe('the report follows the campaign', () => {
  it("moves the report's steps with the summary phase, with who moved them and why", async () => {
    const report = async () => (await as['supervisor.nanyang']!.get(`/reports/city/${CITY}`)).body;
    const before = ((await report()).steps as Step[]).map((step) => step.dueAt);
    expect(before[0]).not.toBeNull();
    const moved = await as['admin']!.post('/campaign/phases/summary/deadline', {
      to: '2015-11-22T16:00:00.000Z',
      reason: '省局通知延期一周',
    });
    expect(moved.status).toBe(200);
    const after = ((await report()).steps as Step[]).map((step) => step.dueAt);
    for (const [index, dueAt] of after.entries()) {
      expect(Date.parse(dueAt)).toBeGreaterThan(Date.parse(before[index]!));
    }
    const events = await as['admin']!.get('/events?type=ReportDeadlineMoved');
    expect(events.status).toBe(200);
    const items = events.body.items as {
      actor: string;
      data: { step: string; reason: string; from: string; to: string; basis: { from: string } };
    }[];
    expect(items.map((item) => [item.data.step, item.actor, item.data.reason])).toEqual([
      ['inspection', 'admin', '省局通知延期一周'],
      ['review', 'admin', '省局通知延期一周'],
      ['submission', 'admin', '省局通知延期一周'],
    ]);
    expect(items.map((item) => [item.data.from, item.data.to])).toEqual(
      before.map((dueAt, index) => [dueAt, after[index]]),
    );
    expect(items[0]!.data.basis.from).toBe('2015-11-22T16:00:00.000Z');
    // The same move again is a retry: nothing more recorded.
    await as['admin']!.post('/campaign/phases/summary/deadline', {
      to: '2015-11-22T16:00:00.000Z',
      reason: '省局通知延期一周',
    });
    expect((await as['admin']!.get('/events?type=ReportDeadlineMoved')).body.items).toHaveLength(3);
  });

  it("sets the Bureau's inspection of a summary due once the unit files it", async () => {
    const plan = {
      leadDepartment: '县政府办公室',
      liaisonPerson: { name: '王联络', phone: '0377-69212345' },
      plan: '全面清理',
    };
    expect((await as['clerk.xichuan']!.post(`/units/${XICHUAN}/work-plan`, plan)).status).toBe(200);
    const filed = await as['clerk.xichuan']!.post(`/units/${XICHUAN}/work-summary`, { summary: '已撤销1个' });
    expect(filed.status).toBe(200);
    const filedAt = filed.body.workSummary.filedAt as string;
    const report = (await as['supervisor.nanyang']!.get(`/reports/city/${CITY}`)).body;
    const unit = (report.units as { unitId: string; inspection: { status: string; dueAt: string } }[]).find(
      (each) => each.unitId === XICHUAN,
    )!;
    expect(unit.inspection.status).toBe('awaiting-inspection');
    expect(Date.parse(unit.inspection.dueAt)).toBeGreaterThan(Date.parse(filedAt));
    const set = await as['admin']!.get('/events?type=SummaryInspectionDeadlineSet');
    expect(set.body.items).toEqual([
      expect.objectContaining({
        actor: 'clerk.xichuan',
        data: expect.objectContaining({
          unitId: XICHUAN,
          summaryFiledAt: filedAt,
          dueAt: unit.inspection.dueAt,
        }),
      }),
    ]);
  });
});
