import { Logger } from '@nestjs/common';
import { EVENT_STORE } from '@liaison/application';
import type { EventStore } from '@liaison/event-store';
import { seedDemo } from '../apps/api/src/demo/seed';
import { signedIn, specRedisUrl, startApp, type Client, type RunningApp } from './support/app';

/**
 * What-if over the demo campaign: the demo's offices and its campaign (deadlines minutes from the start, the demo
 * SLA of minutes), replayed under variants. Redis database 0 of the suite's own server.
 */
let running: RunningApp;
const as: Record<string, Client> = {};
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

beforeAll(async () => {
  running = await startApp({ REDIS_URL: specRedisUrl(0), SEED_DEMO: 'true', CAMPAIGN: 'demo' });
  await seedDemo(running.app, new Logger('Demo'));
  for (const name of ['supervisor.henan', 'supervisor.nanyang', 'clerk.xichuan']) {
    as[name] = await signedIn(running.url, name);
  }
}, 60_000);

afterAll(() => running.close());

describe('POST /what-if on the demo campaign', () => {
  const period = () => ({ from: minutes(-60), to: minutes(60) });

  it('a county SLA of nothing makes the waiting county decisions overdue now, with their reminders', async () => {
    const store = running.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const reply = await as['supervisor.henan']!.post('/what-if', { ...period(), sla: { county: '0s' } });
    expect(reply.status).toBe(200);
    const county = reply.body.differences.filter((change: any) => change.tier === 'county');
    expect(county.length).toBeGreaterThan(0);
    for (const change of county) {
      // Still open (the demo's due dates are minutes away): not overdue yet, overdue at once under the variant.
      expect(change.actual.overdue).toBe(false);
      expect(change.variant.overdue).toBe(true);
      expect(change.added[0]).toMatchObject({
        step: 'reminder',
        audience: [expect.stringMatching(/^(approvers|user):/)],
      });
    }
    expect(reply.body.totals.overdue.variant).toBeGreaterThan(reply.body.totals.overdue.actual);
    const units = reply.body.byUnitTier.filter((group: any) => group.tier === 'county');
    expect(units.reduce((sum: number, group: any) => sum + group.overdue.variant, 0)).toBe(county.length);
    // Nothing was written.
    expect(await store.headPosition()).toEqual(head);
  });

  it('an earlier plan deadline makes the unfiled work plans overdue, with reminders to the clerks', async () => {
    const reply = await as['supervisor.nanyang']!.post('/what-if', {
      ...period(),
      phaseDeadlines: { plan: minutes(-30) },
    });
    expect(reply.status).toBe(200);
    const plans = reply.body.differences.filter((change: any) => change.kind === 'work-plan');
    expect(plans.length).toBeGreaterThan(0);
    for (const change of plans) {
      expect(change.variant).toMatchObject({ overdue: true });
      expect(change.added[0]).toMatchObject({ step: 'reminder', audience: [`clerks:${change.unitId}`] });
      expect(change.unitId.startsWith('henan.nanyang')).toBe(true);
    }
  });

  it('is for supervisors and admins only, within their jurisdiction', async () => {
    expect((await as['clerk.xichuan']!.post('/what-if', period())).status).toBe(403);
    const outside = await as['supervisor.nanyang']!.post('/what-if', {
      ...period(),
      unitId: '410300',
    });
    expect([403, 404]).toContain(outside.status);
  });

  it('refuses a bad variant with 400 naming the field', async () => {
    const sla = await as['supervisor.henan']!.post('/what-if', { ...period(), sla: { county: 'soon' } });
    expect(sla.status).toBe(400);
    expect(sla.body.details[0]).toMatchObject({ field: 'sla.county' });
    const backwards = await as['supervisor.henan']!.post('/what-if', { from: minutes(60), to: minutes(-60) });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details[0]).toMatchObject({ field: 'to', rule: 'after' });
    const long = await as['supervisor.henan']!.post('/what-if', {
      from: minutes(-60 * 24 * 500),
      to: minutes(0),
    });
    expect(long.body.details[0]).toMatchObject({ field: 'to', rule: 'maxPeriod' });
    const holiday = await as['supervisor.henan']!.post('/what-if', { ...period(), holidays: ['June 1'] });
    expect(holiday.body.details[0]).toMatchObject({ field: 'holidays' });
  });
});
