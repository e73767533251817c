import { registration, signedIn, startApp, type Client, type RunningApp } from './support/app';

/** GET /rules/preview: the rule a registration form shows before submitting, the same one registration applies. */
let running: RunningApp;
let clerk: Client;

beforeAll(async () => {
  running = await startApp();
  clerk = await signedIn(running.url, 'clerk.xichuan');
});

afterAll(async () => {
  await running.close();
});

const preview = (query: Record<string, string>) => clerk.get(`/rules/preview?${new URLSearchParams(query)}`);

describe('the rule preview', () => {
  it('answers the rule of section 三 with the plan text, the same one registration then applies', async () => {
    const before = (await clerk.get('/health')).body.eventStore?.head;
    const zhengzhou = await preview({ sponsorUnitId: 'henan.nanyang.xichuan', hostCityId: 'zhengzhou' });
    expect(zhengzhou.status).toBe(200);
    expect(zhengzhou.body).toMatchObject({
      sponsorKind: 'county-government',
      ruleId: '三(一)-a',
      section: '三(一)',
      location: 'home-province-capital',
      outcome: 'abolish',
      ruleText: '撤销各县(区)政府(管委会)驻郑州办事机构',
    });
    // Nothing is recorded by a preview.
    expect((await clerk.get('/health')).body.eventStore?.head).toEqual(before);

    const urumqi = await preview({
      sponsorUnitId: 'henan.nanyang.xichuan',
      hostCityId: 'urumqi',
      pairedAssistance: 'true',
    });
    expect(urumqi.body).toMatchObject({
      ruleId: '三(二)-exception',
      outcome: 'retain-or-abolish',
      retentionStartTier: 'county',
    });
    const registered = await clerk.post(
      '/offices',
      registration('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true }),
    );
    expect(registered.status).toBe(201);
    expect(registered.body.office.disposition.ruleId).toBe(urumqi.body.ruleId);

    const uncovered = await preview({ sponsorUnitId: 'henan.nanyang', hostCityId: 'urumqi' });
    expect(uncovered.body).toMatchObject({ ruleId: 'not-covered', outcome: 'ruling-required' });
  });

  it('refuses a host city or sponsor the plan does not cover, naming the field and section 一', async () => {
    const city = await preview({ sponsorUnitId: 'henan.nanyang.xichuan', hostCityId: 'atlantis' });
    expect(city.status).toBe(422);
    expect(city.body.ruleId).toBe('一');
    expect(city.body.details[0].field).toBe('hostCityId');
    const sponsor = await preview({ sponsorUnitId: 'henan', hostCityId: 'zhengzhou' });
    expect(sponsor.status).toBe(422);
    expect(sponsor.body.details[0].field).toBe('sponsorUnitId');
    const missing = await preview({ hostCityId: 'zhengzhou' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('sponsorUnitId');
    const paired = await preview({
      sponsorUnitId: 'henan.nanyang.xichuan',
      hostCityId: 'zhengzhou',
      pairedAssistance: 'maybe',
    });
    expect(paired.status).toBe(400);
    expect(paired.body.details[0].field).toBe('pairedAssistance');
  });

  it('needs a signed-in caller', async () => {
    const anonymous = await fetch(
      `${running.url}/rules/preview?sponsorUnitId=henan.nanyang.xichuan&hostCityId=zhengzhou`,
    );
    expect(anonymous.status).toBe(401);
  });
});
