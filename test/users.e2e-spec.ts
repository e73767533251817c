import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as cli } from '../apps/cli/src/main';
import {
  client,
  registration,
  RETENTION,
  signedIn,
  startApp,
  type Client,
  type RunningApp,
} from './support/app';
import { accountsAt, REASON } from './support/users';

// Enrolment, one-time passwords and tokens that stop at once; user-administration.e2e-spec.ts has who may do what.

let running: RunningApp;
let admin: Client;
let login: ReturnType<typeof accountsAt>['login'];
let bearer: ReturnType<typeof accountsAt>['bearer'];
let enrol: ReturnType<typeof accountsAt>['enrol'];

beforeAll(async () => {
  running = await startApp();
  admin = await signedIn(running.url, 'admin');
  ({ login, bearer, enrol } = accountsAt(running.url));
});

afterAll(async () => {
  await running.close();
});

describe('an administrator enrols an approver', () => {
  it('who signs in with the one-time password, must change it, and then acts on the tier’s tasks', async () => {
    const created = await admin.post('/users', {
      username: 'approver.tongbai',
      displayName: '桐柏县审批人',
      role: 'approver',
      unitId: 'henan.nanyang.tongbai',
      reason: REASON,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/users/approver.tongbai');
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({
      username: 'approver.tongbai',
      role: 'approver',
      status: 'active',
      passwordChangeRequired: true,
      events: [{ type: 'UserCreated', revision: 0 }],
      oneTimePassword: expect.stringMatching(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/),
    });
    // The list shows the account at once (read-your-writes).
    const listed = await admin.get('/users?unitId=henan.nanyang.tongbai');
    expect(listed.body.items).toEqual([
      expect.objectContaining({ username: 'approver.tongbai', passwordChangeRequired: true }),
    ]);

    const otp = created.body.oneTimePassword as string;
    const first = await login('approver.tongbai', otp);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      passwordChangeRequired: true,
      expiresIn: 900,
      user: { tier: 'county' },
    });
    const restricted = bearer(first.body.accessToken);
    const refused = await restricted.get('/tasks');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('password-change-required');
    expect((await restricted.get('/auth/me')).body).toMatchObject({ passwordChangeRequired: true });

    const wrong = await restricted.post('/auth/password', {
      currentPassword: 'not-the-otp',
      newPassword: 'tongbai-approver-1',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const same = await restricted.post('/auth/password', { currentPassword: otp, newPassword: otp });
    expect(same.body.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);

    const changed = await restricted.post('/auth/password', {
      currentPassword: otp,
      newPassword: 'tongbai-approver-1',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.passwordChangeRequired).toBeUndefined();
    expect(changed.body.expiresIn).toBe(28800);
    // The token of the one-time password ended with it; the one-time password itself no longer signs in.
    const revoked = await restricted.get('/auth/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('token-revoked');
    expect((await login('approver.tongbai', otp)).status).toBe(401);

    const approver = bearer(changed.body.accessToken);
    const officeId = (
      await admin.post(
        '/offices',
        registration('henan.nanyang.tongbai', 'urumqi', {
          pairedAssistance: true,
        }),
      )
    ).body.officeId as string;
    expect((await admin.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBe(200);
    const inbox = await approver.get('/tasks');
    expect(inbox.status).toBe(200);
    const task = inbox.body.items.find((item: { officeId: string }) => item.officeId === officeId);
    expect(task).toMatchObject({ tier: 'county', jurisdictionId: 'henan.nanyang.tongbai' });
    const decided = await approver.post(`/tasks/${task.taskId}/decision`, {
      decision: 'approve',
      comment: '同意',
    });
    expect(decided.status).toBe(200);
    const history = (await admin.get(`/offices/${officeId}/history`)).body.items;
    expect(history.find((e: { type: string }) => e.type === 'RetentionForwarded')).toMatchObject({
      actor: 'approver.tongbai',
      tier: 'county',
    });
  });
});

describe('tokens stop working at once', () => {
  it('disabling cuts off a token already in use on the next request; enabling does not revive it', async () => {
    const clerk = await enrol(admin, {
      username: 'clerk.neixiang',
      displayName: '内乡县联络员',
      role: 'clerk',
      unitId: 'henan.nanyang.neixiang',
    });
    expect((await clerk.get('/offices')).status).toBe(200);

    const disabled = await admin.post('/users/clerk.neixiang/disable', { reason: '调离' });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled', events: [{ type: 'UserDisabled' }] });
    const cut = await clerk.get('/offices');
    expect(cut.status).toBe(401);
    expect(cut.body.code).toBe('account-disabled');
    const signIn = await login('clerk.neixiang', 'a-password-of-mine');
    expect(signIn.status).toBe(403);
    expect(signIn.body.code).toBe('account-disabled');

    expect((await admin.post('/users/clerk.neixiang/enable', { reason: '复岗' })).status).toBe(200);
    expect((await clerk.get('/offices')).status).toBe(401);
    expect((await login('clerk.neixiang', 'a-password-of-mine')).status).toBe(200);
  });

  it('a role change applies to the next request; a password reset ends every session', async () => {
    const user = await enrol(admin, {
      username: 'clerk.xinye',
      displayName: '新野县联络员',
      role: 'clerk',
      unitId: 'henan.nanyang.xinye',
    });
    expect((await user.get('/tasks')).status).toBe(403);
    const changed = await admin.patch('/users/clerk.xinye', { role: 'approver', reason: '改任审批人' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'approver', unitId: 'henan.nanyang.xinye' });
    expect((await user.get('/tasks')).status).toBe(200);
    expect((await user.get('/auth/me')).body).toMatchObject({ role: 'approver', tier: 'county' });

    const reset = await admin.post('/users/clerk.xinye/password-reset', { reason: '遗忘密码' });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ passwordChangeRequired: true, oneTimePassword: expect.any(String) });
    expect((await user.get('/tasks')).body.code).toBe('token-revoked');
    expect((await login('clerk.xinye', 'a-password-of-mine')).status).toBe(401);
    expect((await login('clerk.xinye', reset.body.oneTimePassword)).body.passwordChangeRequired).toBe(true);
  });
});

describe('the audit trail', () => {
  it('shows every change with actor and reason, and never a password hash', async () => {
    const history = await admin.get('/users/clerk.neixiang/history');
    expect(history.status).toBe(200);
    expect(
      history.body.items.map((e: any) => [e.type, e.actor, e.comment ?? null, e.data.reason ?? null]),
    ).toEqual([
      ['UserCreated', 'admin', REASON, REASON],
      ['PasswordChanged', 'clerk.neixiang', null, null],
      ['UserDisabled', 'admin', '调离', '调离'],
      ['UserEnabled', 'admin', '复岗', '复岗'],
    ]);
    // The event names the credential; its hash was never in the log (docs/security.md).
    expect(history.body.items[0].data).not.toHaveProperty('passwordHash');
    expect(history.body.items[0].data.credentialId).toEqual(expect.any(String));
    const events = await admin.get('/events?type=UserCreated&limit=500');
    expect(events.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(events.body)).not.toMatch(/\$2[aby]\$/);
  });

  it('a retried create with the same Idempotency-Key appends nothing and shows no password', async () => {
    const body = {
      username: 'clerk.wolong',
      displayName: '卧龙区联络员',
      role: 'clerk',
      unitId: 'henan.nanyang.wolong',
      reason: REASON,
    };
    const key = { 'idempotency-key': 'create-clerk.wolong' };
    const first = await admin.post('/users', body, key);
    const retry = await admin.post('/users', body, key);
    expect(first.body.oneTimePassword).toEqual(expect.any(String));
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ replayed: true, version: 1 });
    expect(retry.body.oneTimePassword).toBeUndefined();
    expect((await admin.get('/users/clerk.wolong/history')).body.items).toHaveLength(1);
  });
});

describe('the first administrator, from the command line', () => {
  it('signs in with the printed one-time password, changes it, and enrols an approver', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'users-e2e-cli-'));
    let printed = '';
    const io = {
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_BCRYPT_COST: '4' },
      stdout: { write: (text: string) => (printed += text) },
      stderr: { write: () => true },
    };
    expect(await cli(['create-admin', '--username', 'root.admin'], io)).toBe(0);
    const app = await startApp({ DATA_DIR: dataDir });
    try {
      const password = /^one-time password: (\S+)$/m.exec(printed)![1]!;
      const first = await client(app.url).post('/auth/login', { username: 'root.admin', password });
      expect(first.body).toMatchObject({ passwordChangeRequired: true, user: { role: 'admin' } });
      const early = client(app.url, { authorization: `Bearer ${first.body.accessToken}` });
      expect((await early.post('/users', {})).body.code).toBe('password-change-required');
      const changed = await early.post('/auth/password', {
        currentPassword: password,
        newPassword: 'root-admin-password',
      });
      const root = client(app.url, { authorization: `Bearer ${changed.body.accessToken}` });
      const created = await root.post('/users', {
        username: 'approver.nanzhao',
        displayName: '南召县审批人',
        role: 'approver',
        unitId: 'henan.nanyang.nanzhao',
        reason: REASON,
      });
      expect(created.status).toBe(201);
      // The account list holds the administrator written while the service was down.
      expect(
        (await root.get('/users?role=admin')).body.items.map((u: { username: string }) => u.username),
      ).toContain('root.admin');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
