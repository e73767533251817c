import { signedIn, startApp, type Client, type RunningApp } from './support/app';

/**
 * Many clients writing the same stream at the same moment, through two API instances on one log (as behind a load
 * balancer, the second leaving the read models to the first): every one is answered with what happened or with a
 * 409 that names the stream's current version, never with a 500.
 */
let running: RunningApp;
let second: RunningApp;
const as: Record<string, Client>[] = [{}, {}];

beforeAll(async () => {
  running = await startApp();
  second = await startApp({ DATA_DIR: running.dataDir, PROJECTIONS: 'external' });
  for (const name of ['admin', 'clerk.xixia']) {
    as[0]![name] = await signedIn(running.url, name);
    as[1]![name] = await signedIn(second.url, name);
  }
}, 30_000);

afterAll(async () => {
  await second.close();
  await running.close();
});

/** Requests alternate between the two instances. */
const via = (i: number) => as[i % 2]!;

describe('simultaneous writes to one stream', () => {
  it('twenty work plans filed at once: each is recorded or refused with 409 and the current version', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        via(i)['clerk.xixia']!.post('/units/henan.nanyang.xixia/work-plan', {
          leadDepartment: '县政府办公室',
          liaisonPerson: { name: '王联络', phone: '0377-69212345' },
          plan: `第 ${i + 1} 稿`,
        }),
      ),
    );

    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    const recorded = replies.filter((reply) => reply.status === 200);
    expect(recorded.length).toBeGreaterThan(0);
    for (const reply of recorded) expect(reply.body.recorded).toEqual(['WorkPlanFiled']);
    for (const reply of replies.filter((r) => r.status === 409)) {
      expect(reply.body.currentVersion).toBeGreaterThan(0);
    }
    // The filing on record is one of those answered 200.
    const filings = await via(0)['clerk.xixia']!.get('/units/henan.nanyang.xixia/filings');
    expect(recorded.map((reply) => reply.body.workPlan.plan)).toContain(filings.body.workPlan.plan);
  });

  it('five anchors at once: the log is anchored, the others are no-ops or 409s, and it verifies', async () => {
    const replies = await Promise.all(
      Array.from({ length: 5 }, (_, i) => via(i)['admin']!.post('/audit/anchors')),
    );

    for (const reply of replies) expect([201, 409]).toContain(reply.status);
    const anchored = replies.filter((reply) => reply.status === 201);
    expect(anchored.length).toBeGreaterThan(0);
    for (const reply of anchored) expect(reply.body.anchor.headsDigest).toMatch(/^[0-9a-f]{64}$/);
    for (const reply of replies.filter((r) => r.status === 409)) expect(reply.body.message).toMatch(/anchor/);
    const report = await via(0)['admin']!.get('/audit/verify');
    expect(report.body.intact).toBe(true);
    // Anchors over the same log are one anchor: as many as distinct points of the log anchored.
    const distinct = new Set(anchored.map((reply) => reply.body.anchor.upTo));
    expect(report.body.anchors).toBe(distinct.size);
  });
});
