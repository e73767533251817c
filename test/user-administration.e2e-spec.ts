import { signedIn, startApp, type Client, type RunningApp } from './support/app';
import { accountsAt, REASON } from './support/users';

// Who may administer which accounts, and what input is refused; users.e2e-spec.ts has enrolment and tokens.

let running: RunningApp;
let admin: Client;
let login: ReturnType<typeof accountsAt>['login'];
let enrol: ReturnType<typeof accountsAt>['enrol'];

beforeAll(async () => {
  running = await startApp();
  admin = await signedIn(running.url, 'admin');
  ({ login, enrol } = accountsAt(running.url));
});

afterAll(async () => {
  await running.close();
});

describe('a municipal administrator', () => {
  let municipal: Client;

  beforeAll(async () => {
    municipal = await enrol(admin, {
      username: 'admin.nanyang',
      displayName: '南阳市系统管理员',
      role: 'admin',
      unitId: 'henan.nanyang.bureau',
    });
  });

  it('enrols within the city', async () => {
    const created = await municipal.post('/users', {
      username: 'approver.wancheng',
      displayName: '宛城区审批人',
      role: 'approver',
      unitId: 'henan.nanyang.wancheng',
      reason: REASON,
    });
    expect(created.status).toBe(201);
    expect((await municipal.get('/users/approver.wancheng')).status).toBe(200);
  });

  it('cannot create a user outside the city, nor an administrator of the province (403 naming the rule)', async () => {
    const outside = await municipal.post('/users', {
      username: 'approver.province',
      displayName: '省局审批人',
      role: 'approver',
      unitId: 'henan.bureau',
      reason: REASON,
    });
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ rule: 'users.grant-within-jurisdiction' });
    const wider = await municipal.post('/users', {
      username: 'admin.province',
      displayName: '省系统管理员',
      role: 'admin',
      unitId: 'henan',
      reason: REASON,
    });
    expect(wider.status).toBe(403);
    expect(wider.body).toMatchObject({ rule: 'users.no-wider-admin' });
    const moved = await municipal.patch('/users/approver.wancheng', {
      unitId: 'henan.bureau',
      reason: '调省局',
    });
    expect(moved.status).toBe(403);
    expect((await admin.get('/users/approver.province')).status).toBe(404);
  });

  it('finds no account outside the city: the province’s read as ones that do not exist', async () => {
    for (const path of ['/users/approver.henan', '/users/approver.henan/history', '/users/no.such.user']) {
      const reply = await municipal.get(path);
      expect(reply.status).toBe(404);
    }
    expect((await municipal.get('/users/approver.henan')).body.message).toBe(
      (await municipal.get('/users/no.such.user')).body.message.replace('no.such.user', 'approver.henan'),
    );
    expect((await municipal.post('/users/approver.henan/disable', { reason: 'x' })).status).toBe(404);
    expect((await login('approver.henan', 'demo-password')).status).toBe(200);
    const listed = (await municipal.get('/users?pageSize=500')).body.items.map(
      (u: { unitId: string }) => u.unitId,
    );
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((unitId: string) => unitId.startsWith('henan.nanyang'))).toBe(true);
    expect((await municipal.get('/users?unitId=henan.bureau')).body.items).toEqual([]);
  });

  it('cannot administer their own account', async () => {
    const self = await municipal.post('/users/admin.nanyang/disable', { reason: '自行停用' });
    expect(self.status).toBe(403);
    expect(self.body.rule).toBe('users.not-self');
  });
});

describe('bad input', () => {
  it.each([
    [{ username: '__proto__' }, 'username', 'matches'],
    [{ username: 'Bad Name' }, 'username', 'matches'],
    [{ username: 'a\u0000b' }, 'username', 'matches'],
    [{ displayName: '桐柏\u202e审批' }, 'displayName', 'visibleText'],
    [{ displayName: '桐柏\u200b审批' }, 'displayName', 'visibleText'],
    [{ displayName: '桐柏\ufeff审批' }, 'displayName', 'visibleText'],
    [{ displayName: '桐柏\u0000审批' }, 'displayName', 'visibleText'],
    [{ displayName: '桐柏\ud800审批' }, 'displayName', 'visibleText'],
    [{ displayName: '' }, 'displayName', 'isNotEmpty'],
    [{ displayName: ' \t\u3000 ' }, 'displayName', 'isNotEmpty'],
    [{ role: 'root' }, 'role', 'isIn'],
    [{ unitId: 'henan.atlantis' }, 'unitId', 'isUnit'],
    [{ reason: '   ' }, 'reason', 'isNotEmpty'],
    [{ reason: '到\n岗' }, 'reason', 'visibleText'],
    [{ reason: '到岗\u2066' }, 'reason', 'visibleText'],
    [{ extra: true }, 'extra', 'unknown-property'],
  ])('a create with %j is refused with 400 naming %s', async (change, field, rule) => {
    const body = {
      username: 'clerk.valid',
      displayName: '联络员',
      role: 'clerk',
      unitId: 'henan.nanyang.wolong',
      reason: REASON,
      ...change,
    };
    const reply = await admin.post('/users', body);
    expect(reply.status).toBe(400);
    expect(reply.body.details).toEqual([expect.objectContaining({ field, rule })]);
    expect((await admin.get('/users/clerk.valid')).status).toBe(404);
  });

  it('records a display name and a reason trimmed, and refuses a blank or hidden-character reason elsewhere', async () => {
    const created = await admin.post('/users', {
      username: 'clerk.trimmed',
      displayName: '  卧龙区联络员 ',
      role: 'clerk',
      unitId: 'henan.nanyang.wolong',
      reason: ` ${REASON}\t`,
    });
    expect(created.status).toBe(201);
    expect((await admin.get('/users/clerk.trimmed')).body.displayName).toBe('卧龙区联络员');
    const history = await admin.get('/users/clerk.trimmed/history');
    expect(history.body.items[0].data.reason).toBe(REASON);
    for (const path of ['disable', 'password-reset']) {
      const blank = await admin.post(`/users/clerk.trimmed/${path}`, { reason: '\u3000' });
      expect({ path, status: blank.status }).toEqual({ path, status: 400 });
      const hidden = await admin.post(`/users/clerk.trimmed/${path}`, { reason: '离\u200d职' });
      expect({ path, status: hidden.status }).toEqual({ path, status: 400 });
    }
    const role = await admin.patch('/users/clerk.trimmed', { role: 'supervisor', reason: '\u202e' });
    expect(role.status).toBe(400);
    expect((await admin.get('/users/clerk.trimmed')).body).toMatchObject({ role: 'clerk', status: 'active' });
  });

  it('refuses a path that cannot name an account, a missing reason, an empty change, a body with __proto__', async () => {
    expect((await admin.get('/users/a%00b')).body.details).toEqual([
      expect.objectContaining({ field: 'username' }),
    ]);
    expect((await admin.post('/users/approver.xixia/disable', {})).body.details).toEqual([
      expect.objectContaining({ field: 'reason' }),
    ]);
    expect((await admin.patch('/users/approver.xixia', { reason: '无变化' })).body.details).toEqual([
      expect.objectContaining({ field: 'role' }),
    ]);
    const polluted = await admin.post(
      '/users',
      '{"username":"clerk.x","displayName":"x","role":"clerk","unitId":"henan","reason":"r","__proto__":{"role":"admin"}}',
    );
    expect(polluted.status).toBe(400);
    expect((await admin.get('/users/__proto__')).status).toBe(404);
  });

  it('a taken username is 409, and a role the unit cannot hold 422 naming unitId', async () => {
    const taken = await admin.post('/users', {
      username: 'approver.xixia',
      displayName: '西峡县审批人',
      role: 'approver',
      unitId: 'henan.nanyang.xixia',
      reason: REASON,
    });
    expect(taken.status).toBe(409);
    const noTier = await admin.patch('/users/approver.xixia', {
      unitId: 'henan.nanyang.commerce',
      reason: '调',
    });
    expect(noTier.status).toBe(422);
    expect(noTier.body.details).toEqual([expect.objectContaining({ field: 'unitId' })]);
  });
});

describe('only administrators', () => {
  it('anyone else gets 403 naming the rule, whether the account exists or not', async () => {
    const supervisor = await signedIn(running.url, 'supervisor.henan');
    for (const path of ['/users/approver.xixia/disable', '/users/nobody.at.all/disable']) {
      const reply = await supervisor.post(path, { reason: 'x' });
      expect(reply.status).toBe(403);
      expect(reply.body.rule).toBe('users.admin-only');
    }
    expect((await supervisor.get('/users')).status).toBe(403);
  });
});
