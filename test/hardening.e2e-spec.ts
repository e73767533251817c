import { rmSync } from 'node:fs';
import {
  client,
  registration,
  RETENTION,
  signedIn,
  startApp,
  type Client,
  type RunningApp,
} from './support/app';

/** Requests a reviewer sent to break the service: each is refused with a 4xx naming what was wrong, never a 500. */
let running: RunningApp;
let api: Client;

beforeAll(async () => {
  running = await startApp();
  api = await signedIn(running.url, 'admin');
}, 30_000);

afterAll(async () => {
  await running.close();
});

async function abolishedOffice(extra: Record<string, unknown> = {}): Promise<string> {
  const reply = await api.post('/offices', registration('henan.nanyang.neixiang', 'zhengzhou', extra));
  expect(reply.status).toBe(201);
  const officeId = reply.body.officeId as string;
  const abolished = await api.post(`/offices/${officeId}/abolition`, {
    decisionReference: '内政〔2015〕3号',
  });
  expect(abolished.status).toBe(200);
  return officeId;
}

describe('asset and staff ids an object inherits', () => {
  it.each(['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'])(
    'refuses disposing of %s or placing it, which were never registered',
    async (id) => {
      const officeId = await abolishedOffice();
      const disposal = await api.post(`/offices/${officeId}/asset-disposals`, {
        assetId: id,
        method: 'write-off',
        value: 0,
        approvalReference: '内国资〔2015〕2号',
      });
      expect(disposal.status).toBe(422);
      expect(disposal.body.details[0].field).toBe('assetId');
      const placement = await api.post(`/offices/${officeId}/staff-placements`, {
        staffId: id,
        placement: 'retired',
        destination: '退休',
      });
      expect(placement.status).toBe(422);
      expect(placement.body.details[0].field).toBe('staffId');
      const detail = (await api.get(`/offices/${officeId}`)).body;
      expect(detail.progress).toEqual({ assetsDisposed: 0, assetsTotal: 0, staffPlaced: 0, staffTotal: 0 });
    },
  );

  it('registers an asset named constructor and disposes of it once', async () => {
    const officeId = await abolishedOffice();
    const added = await api.post(`/offices/${officeId}/assets`, {
      assetId: 'constructor',
      kind: 'other',
      description: '档案柜',
      bookValue: 800,
    });
    expect(added.status).toBe(200);
    const disposal = {
      assetId: 'constructor',
      method: 'write-off',
      value: 0,
      approvalReference: '内国资〔2015〕4号',
    };
    expect((await api.post(`/offices/${officeId}/asset-disposals`, disposal)).status).toBe(200);
    expect((await api.post(`/offices/${officeId}/asset-disposals`, disposal)).status).toBe(409);
    const detail = (await api.get(`/offices/${officeId}`)).body;
    expect(detail.progress).toMatchObject({ assetsDisposed: 1, assetsTotal: 1 });
    expect((await api.post(`/offices/${officeId}/closure`)).status).toBe(200);
  });
});

describe('text that goes on record', () => {
  it.each([
    ['name', '   '],
    ['name', '淅川\u0000驻深办'],
    ['name', '淅川\u202e驻深办'],
    ['name', '淅川\u200b驻深办'],
    ['name', '淅川\ufeff驻深办'],
    ['name', '淅川\ud800驻深办'],
  ])('refuses an office %s of %j with 400 naming it, recording nothing', async (field, value) => {
    const before = (await api.get('/health')).body.eventStore.head;
    const reply = await api.post('/offices', {
      ...registration('henan.nanyang.neixiang', 'zhengzhou'),
      [field]: value,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.details[0].field).toBe(field);
    expect((await api.get('/health')).body.eventStore.head).toBe(before);
  });

  it('records a name trimmed', async () => {
    const reply = await api.post('/offices', {
      ...registration('henan.nanyang.neixiang', 'zhengzhou'),
      name: '  内乡县驻郑州办事处 ',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.office.name).toBe('内乡县驻郑州办事处');
  });

  it.each(['\u0000', '   ', '\u200b'])('refuses a disposal whose recipient is %j', async (recipient) => {
    const officeId = await abolishedOffice({
      assets: [{ assetId: 'car-1', kind: 'vehicle', description: '公务用车', bookValue: 1 }],
    });
    const reply = await api.post(`/offices/${officeId}/asset-disposals`, {
      assetId: 'car-1',
      method: 'transfer',
      recipient,
      recipientKind: 'government-body',
      value: 1,
      approvalReference: '内国资〔2015〕5号',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.details[0].field).toBe('recipient');
  });

  it.each([
    ['an empty list', { liaisonPerson: [] }],
    ['nothing', {}],
  ])('refuses a work plan whose liaison person is %s, naming the field', async (_what, liaison) => {
    const clerk = await signedIn(running.url, 'clerk.xixia');
    const reply = await clerk.post('/units/henan.nanyang.xixia/work-plan', {
      leadDepartment: '县政府办公室',
      plan: '第一稿',
      ...liaison,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.details[0].field).toBe('liaisonPerson');
  });

  it('refuses a lead department of only whitespace', async () => {
    const clerk = await signedIn(running.url, 'clerk.xixia');
    const reply = await clerk.post('/units/henan.nanyang.xixia/work-plan', {
      leadDepartment: ' \u3000 ',
      liaisonPerson: { name: '王联络', phone: '0377-69212345' },
      plan: '第一稿',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.details[0].field).toBe('leadDepartment');
  });
});

describe('dates: RFC 3339 with a zone, or a 400 naming the field', () => {
  const refused = [
    '2026-W48',
    '2026-333',
    '2010-02-18T16:23.33',
    '2010-02-18T16:23:33',
    '2026-02-30T00:00:00Z',
  ];

  it.each(refused)('refuses from and to of %s on the events and the export', async (text) => {
    for (const field of ['from', 'to']) {
      for (const path of ['/events', '/events/export']) {
        const reply = await api.get(`${path}?${field}=${encodeURIComponent(text)}`);
        expect(reply.status).toBe(400);
        expect(reply.body.details[0]).toMatchObject({ field, rule: 'instant' });
      }
    }
  });

  it.each(refused)('refuses at=%s on the as-of views', async (text) => {
    const officeId = await abolishedOffice();
    for (const path of [`/offices/${officeId}/as-of`, '/campaign/as-of']) {
      const reply = await api.get(`${path}?at=${encodeURIComponent(text)}`);
      expect(reply.status).toBe(400);
      expect(reply.body.details[0]).toMatchObject({ field: 'at', rule: 'instant' });
    }
  });

  it('reads an instant with an offset as that instant', async () => {
    const officeId = await abolishedOffice();
    const later = await api.get(`/offices/${officeId}/as-of?at=2999-01-01T08:00:00%2B08:00`);
    expect(later.status).toBe(200);
    expect(later.body.state?.status ?? later.body.status).toBe('abolished');
  });
});

describe('requests the service cannot reasonably answer: a 400, never a 500', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it.each([
    ['/auth/login', (depth: number) => `{"username":"admin","password":${nested(depth)}}`],
    ['/offices', (depth: number) => `{"name":${nested(depth)}}`],
    ['/audit/anchors', (depth: number) => `{"x":${nested(depth)}}`],
  ])('refuses JSON nested 5,000 deep on %s, naming the body', async (path, body) => {
    const reply = await api.post(path, body(5000));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, details: [{ field: 'body', rule: 'max-depth' }] });
  });

  it('accepts a body nested as deep as the bound allows', async () => {
    const reply = await api.post('/offices', `{"name":${nested(60)}}`);
    expect(reply.status).toBe(400);
    expect(reply.body.details[0]).toMatchObject({ field: 'name' });
  });

  it.each(['1e300', '9007199254740993', '100001', '0', '-1'])(
    'refuses ?page=%s on the lists',
    async (page) => {
      for (const path of ['/offices', '/tasks', '/users']) {
        const reply = await api.get(`${path}?page=${page}`);
        expect(reply.status).toBe(400);
        expect(reply.body.details[0].field).toBe('page');
      }
    },
  );

  it.each(['9223372036854775808/1', '1/9223372036854775808', '99999999999999999999/1'])(
    'refuses the cursor after=%s on the events and the export',
    async (after) => {
      for (const path of ['/events', '/events/export']) {
        const reply = await api.get(`${path}?after=${encodeURIComponent(after)}`);
        expect(reply.status).toBe(400);
        expect(reply.body.details[0].field).toBe('after');
      }
    },
  );

  it('accepts the largest cursor there is', async () => {
    const reply = await api.get(
      `/events?after=${encodeURIComponent('9223372036854775807/9223372036854775807')}`,
    );
    expect(reply.status).toBe(200);
  });
});

describe('what a refusal does not reveal', () => {
  it('answers a registration reusing another unit’s office id like a request for an unknown office', async () => {
    const xichuan = await signedIn(running.url, 'clerk.xichuan');
    const xixia = await signedIn(running.url, 'clerk.xixia');
    const officeId = '6d1f4a9e-1b1c-4c3e-9a55-0b2f6a1c7e01';
    const theirs = await xichuan.post('/offices', {
      ...registration('henan.nanyang.xichuan', 'zhengzhou'),
      officeId,
    });
    expect(theirs.status).toBe(201);
    const reuse = await xixia.post('/offices', {
      ...registration('henan.nanyang.xixia', 'zhengzhou'),
      officeId,
    });
    const unknown = await xixia.get(`/offices/${officeId}`);
    expect(reuse.status).toBe(404);
    expect(reuse.body.message).toBe(unknown.body.message);
    expect(JSON.stringify(reuse.body)).not.toContain('xichuan');
  });
});

describe('a delegation does not tell who exists', () => {
  it('answers a delegate who does not exist exactly as one beyond the caller’s group', async () => {
    const clerk = await signedIn(running.url, 'clerk.xichuan');
    const registered = await clerk.post(
      '/offices',
      registration('henan.nanyang.xichuan', 'xian', { pairedAssistance: true }),
    );
    expect(registered.status).toBe(201);
    const requested = await clerk.post(`/offices/${registered.body.officeId}/retention-request`, RETENTION);
    expect(requested.status).toBe(200);
    const approver = await signedIn(running.url, 'approver.xichuan');
    const inbox = await approver.get('/tasks');
    const task = inbox.body.items.find((t: any) => t.officeId === registered.body.officeId);
    const path = `/tasks/${task.taskId}/delegate`;
    const elsewhere = await approver.post(path, { to: 'approver.xixia' });
    const nobody = await approver.post(path, { to: 'approver.nobody' });
    expect(elsewhere.status).toBe(422);
    expect(nobody.status).toBe(422);
    expect(nobody.body).toEqual({ ...elsewhere.body });
    expect(JSON.stringify(nobody.body)).not.toContain('nobody');
  });
});

describe('readiness tells when the event store can take no write', () => {
  it('turns not ready once the data folder is deleted under the running service', async () => {
    const other = await startApp();
    try {
      expect((await client(other.url).get('/health/ready')).status).toBe(200);
      rmSync(other.dataDir, { recursive: true, force: true });
      const ready = await client(other.url).get('/health/ready');
      expect(ready.status).toBe(503);
    } finally {
      await other.close();
    }
  });
});
