import { signedIn, startApp, type Client, type RunningApp } from './support/app';

/**
 * Many clients writing the same stream at the same moment: every one is answered with what happened or with a
 * 409 that names the stream's current version, never with a 500.
 */
let running: RunningApp;
const as: Record<string, Client> = {};

beforeAll(async () => {
  running = await startApp();
  for (const name of ['admin', 'clerk.xixia']) as[name] = await signedIn(running.url, name);
}, 30_000);

afterAll(async () => {
  await running.close();
});

describe('simultaneous writes to one stream', () => {
  it('twenty work plans filed at once: each is recorded or refused with 409 and the current version', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        as['clerk.xixia']!.post('/units/henan.nanyang.xixia/work-plan', {
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
      expect(reply.body.details[0].field).toBe('If-Match');
    }
    // The filing on record is one of those answered 200.
    const filings = await as['clerk.xixia']!.get('/units/henan.nanyang.xixia/filings');
    expect(recorded.map((reply) => reply.body.workPlan.plan)).toContain(filings.body.workPlan.plan);
  });
});
