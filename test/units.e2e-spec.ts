import { enrol, registration, signedIn, startApp, type Client, type RunningApp } from './support/app';

let running: RunningApp;
let admin: Client;
let head: () => Promise<string>;

beforeAll(async () => {
  running = await startApp();
  admin = await signedIn(running.url, 'admin');
  head = async () => (await admin.get('/health')).body.eventStore.head as string;
});

afterAll(async () => {
  await running.close();
});

const EDUCATION = {
  parentId: 'henan.nanyang.tanghe',
  key: 'education',
  name: '唐河县教育局',
  kind: 'department',
  reason: '唐河县教育局驻郑州办事处需登记',
};

describe('the whole province', () => {
  it('lists every city of Henan with its GB/T 2260 code, and Nanyang’s units under the ids stores hold', async () => {
    const cities = await admin.get('/units?parentId=henan&kind=city');
    expect(cities.status).toBe(200);
    expect(cities.body).toHaveLength(18);
    expect(cities.body.find((unit: any) => unit.name === '洛阳市')).toMatchObject({
      id: '410300',
      code: '410300',
    });
    expect((await admin.get('/units?code=411328')).body).toMatchObject([
      {
        id: 'henan.nanyang.tanghe',
        name: '唐河县',
        sponsorKind: 'county-government',
        approverTier: 'county',
      },
    ]);
    const luoyang = await admin.get('/units?within=410300');
    expect(luoyang.body.map((unit: any) => unit.id)).toEqual(
      expect.arrayContaining(['410300', '410300.bureau', '410302']),
    );
  });

  it('refuses malformed filters and ids, naming the field', async () => {
    expect((await admin.get('/units?code=41xx')).body).toMatchObject({
      statusCode: 400,
      details: [{ field: 'code' }],
    });
    expect((await admin.get('/units/__proto__')).body).toMatchObject({
      statusCode: 400,
      details: [{ field: 'unitId', rule: 'format' }],
    });
    expect((await admin.get('/units/henan.nowhere')).status).toBe(404);
  });
});

describe('units as events: an admin adds a department, a clerk registers its office, retiring it refuses new ones', () => {
  let officeId: string;

  it('adds 唐河县教育局 under 唐河县, on record with who and why', async () => {
    const reply = await admin.post('/units', EDUCATION, { 'idempotency-key': 'add-tanghe-education' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      unit: {
        id: 'henan.nanyang.tanghe.education',
        name: '唐河县教育局',
        kind: 'department',
        parentId: 'henan.nanyang.tanghe',
        retired: false,
        sponsorKind: 'county-department',
      },
      events: [{ type: 'UnitAdded' }],
    });
    const again = await admin.post('/units', EDUCATION, { 'idempotency-key': 'add-tanghe-education' });
    expect(again.body).toMatchObject({ replayed: true });
    const events = await admin.get('/events?type=UnitAdded');
    expect(events.body.items).toMatchObject([
      { streamId: 'jurisdiction-units', actor: 'admin', role: 'admin', data: { reason: EDUCATION.reason } },
    ]);
  });

  it('a clerk of 唐河县 registers an office sponsored by the new department', async () => {
    const clerk = await signedIn(running.url, 'clerk.tanghe');
    const reply = await clerk.post('/offices', registration('henan.nanyang.tanghe.education', 'zhengzhou'));
    expect(reply.status).toBe(201);
    expect(reply.body.office).toMatchObject({ disposition: { ruleId: '三(一)-b' } });
    officeId = reply.body.officeId;
    const listed = await clerk.get('/offices?unitId=henan.nanyang.tanghe.education');
    expect(listed.body.items.map((office: any) => office.officeId)).toEqual([officeId]);
    const supervisor = await signedIn(running.url, 'supervisor.nanyang');
    expect((await supervisor.get(`/offices/${officeId}`)).status).toBe(200);
  });

  it('renames it, keeping its id', async () => {
    const reply = await admin.patch('/units/henan.nanyang.tanghe.education', {
      name: '唐河县教育体育局',
      reason: '机构改革更名',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.unit).toMatchObject({ id: 'henan.nanyang.tanghe.education', name: '唐河县教育体育局' });
  });

  it('retires it: its office stays, a new one is refused with 一 and nothing is appended', async () => {
    const retired = await admin.post('/units/henan.nanyang.tanghe.education/retirement', {
      reason: '机构改革撤并',
    });
    expect(retired.status).toBe(200);
    expect(retired.body.unit).toMatchObject({ retired: true });
    expect((await admin.get(`/offices/${officeId}`)).status).toBe(200);
    const before = await head();
    const clerk = await signedIn(running.url, 'clerk.tanghe');
    const refused = await clerk.post('/offices', registration('henan.nanyang.tanghe.education', 'beijing'));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ ruleId: '一', details: [{ field: 'sponsorUnitId', rule: '一' }] });
    expect(refused.body.message).toContain('retired');
    expect(await head()).toBe(before);
    const live = await admin.get('/units?parentId=henan.nanyang.tanghe');
    expect(live.body.map((unit: any) => unit.id)).not.toContain('henan.nanyang.tanghe.education');
    const all = await admin.get('/units?parentId=henan.nanyang.tanghe&status=retired');
    expect(all.body.map((unit: any) => unit.id)).toEqual(['henan.nanyang.tanghe.education']);
  });

  it('refuses bad input with the field and rule, and changes nothing', async () => {
    const before = await head();
    const cases: [Record<string, unknown>, string, number][] = [
      [{ ...EDUCATION, key: '__proto__' }, 'key', 400],
      [{ ...EDUCATION, key: 'x', parentId: '__proto__' }, 'parentId', 400],
      [{ ...EDUCATION, key: 'x', name: '唐河县\u0007局' }, 'name', 400],
      [{ ...EDUCATION, key: 'x', name: '唐河县\u202e局' }, 'name', 400],
      [{ ...EDUCATION, key: 'x', kind: 'bureau' }, 'kind', 400],
      [{ ...EDUCATION, key: 'x', reason: '' }, 'reason', 400],
      [{ ...EDUCATION, key: 'x', surprise: 1 }, 'surprise', 400],
      [{ ...EDUCATION, key: 'x', parentId: 'henan.nanyang.commerce' }, 'parentId', 422],
      [{ ...EDUCATION, key: 'x', parentId: 'henan.nowhere' }, 'parentId', 422],
      [{ ...EDUCATION, key: 'x', kind: 'management-committee' }, 'parentId', 422],
      [{ ...EDUCATION, key: 'commerce', name: '唐河县商务局(二)' }, 'key', 409],
    ];
    for (const [body, field, status] of cases) {
      const reply = await admin.post('/units', body);
      expect([reply.status, reply.body.details?.map((d: any) => d.field)]).toEqual([
        status,
        expect.arrayContaining([field]),
      ]);
    }
    expect((await admin.patch('/units/henan.nanyang.tanghe', { name: '唐河县', reason: '' })).status).toBe(
      400,
    );
    expect((await admin.post('/units/henan.nanyang.tanghe/retirement', { reason: '撤县' })).status).toBe(409);
    expect((await admin.post('/units/henan.nowhere/retirement', { reason: 'x' })).status).toBe(404);
    expect(await head()).toBe(before);
  });

  it('only an admin changes the tree; a municipal administrator within the city only', async () => {
    const clerk = await signedIn(running.url, 'clerk.tanghe');
    expect((await clerk.post('/units', { ...EDUCATION, key: 'health', name: '唐河县卫生局' })).status).toBe(
      403,
    );
    const cityAdmin = await enrol(running, {
      username: 'admin.nanyang',
      displayName: '南阳市系统管理员',
      role: 'admin',
      unitId: 'henan.nanyang.bureau',
    });
    const health = await cityAdmin.post('/units', {
      ...EDUCATION,
      key: 'health',
      name: '唐河县卫生健康委员会',
    });
    expect(health.status).toBe(201);
    const luoyang = await cityAdmin.post('/units', {
      ...EDUCATION,
      parentId: '410323',
      key: 'health',
      name: '新安县卫健委',
    });
    expect(luoyang.status).toBe(403);
    expect(luoyang.body.message).toContain('南阳市');
    expect((await cityAdmin.patch('/units/henan.nanyang', { name: '南阳', reason: 'x' })).status).toBe(403);
    expect((await cityAdmin.post('/units/410302/retirement', { reason: 'x' })).status).toBe(403);
  });
});
