import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, RETENTION, type Client } from './support/app';
import { freePort, launchApi, requireBuild, runCli, type Service } from './support/processes';

/**
 * A real deployment's first day, in production mode: no demo data, an administrator made by the operator's
 * command, who enrols the approvers of every tier and a new department with its clerk; that department's office
 * then climbs county → municipal → provincial and is retained.
 */
describe('first run in production mode', () => {
  const root = mkdtempSync(join(tmpdir(), 'offices-first-run-'));
  const env = {
    NODE_ENV: 'production',
    DATA_DIR: join(root, 'data'),
    AUTH_SECRET: 'f'.repeat(48),
    AUTH_BCRYPT_COST: '4',
    LOG_LEVEL: 'error',
    QUEUE_PREFIX: `first-run-e2e-${process.pid}`,
  };
  let service: Service;
  let base: string;

  beforeAll(async () => {
    requireBuild();
    const created = await runCli(['create-admin', '--username', 'root.admin'], env);
    expect(created).toMatchObject({ code: 0 });
    oneTimePassword = /^one-time password: (\S+)$/m.exec(created.stdout)![1]!;
    const port = await freePort();
    service = await launchApi(env, port);
    base = `http://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(root, { recursive: true, force: true });
  });

  let oneTimePassword: string;

  /** Signs in with a one-time password and replaces it, as every new account must. */
  async function firstSignIn(username: string, password: string): Promise<Client> {
    const first = await client(base).post('/auth/login', { username, password });
    expect(first.body).toMatchObject({ passwordChangeRequired: true });
    const changed = await client(base, { authorization: `Bearer ${first.body.accessToken}` }).post(
      '/auth/password',
      { currentPassword: password, newPassword: `${username} chose this` },
    );
    expect(changed.status).toBe(200);
    return client(base, { authorization: `Bearer ${changed.body.accessToken}` });
  }

  it('has no demo account, and the operator’s administrator enrols people and a department that then run a case', async () => {
    expect(
      (await client(base).post('/auth/login', { username: 'admin', password: 'demo-password' })).status,
    ).toBe(401);
    const admin = await firstSignIn('root.admin', oneTimePassword);

    const department = await admin.post('/units', {
      parentId: 'henan.nanyang.tongbai',
      key: 'commerce',
      name: '桐柏县商务局',
      kind: 'department',
      reason: '桐柏县商务局纳入清理范围',
    });
    expect(department.status).toBe(201);
    const departmentId = 'henan.nanyang.tongbai.commerce';
    expect((await admin.get(`/units/${departmentId}`)).body).toMatchObject({ name: '桐柏县商务局' });

    const people = {
      'approver.tongbai': { role: 'approver', unitId: 'henan.nanyang.tongbai' },
      'approver.nanyang': { role: 'approver', unitId: 'henan.nanyang.bureau' },
      'approver.henan': { role: 'approver', unitId: 'henan.bureau' },
      'clerk.tongbai.commerce': { role: 'clerk', unitId: departmentId },
    } as const;
    const as: Record<string, Client> = {};
    for (const [username, account] of Object.entries(people)) {
      const created = await admin.post('/users', {
        username,
        displayName: username,
        ...account,
        reason: '清理规范工作人员到岗',
      });
      expect(created.status).toBe(201);
      as[username] = await firstSignIn(username, created.body.oneTimePassword);
    }
    // Before the county's approver was enrolled nobody could act for 桐柏县; now the group is not flagged.
    const groups = (await admin.get('/groups?within=henan.nanyang.tongbai&tier=county')).body;
    expect(groups).toEqual([expect.objectContaining({ flagged: false })]);

    const clerk = as['clerk.tongbai.commerce']!;
    const registered = await clerk.post('/offices', {
      name: '桐柏县商务局驻乌鲁木齐联络处',
      sponsorUnitId: departmentId,
      hostCityId: 'urumqi',
      pairedAssistance: true,
      assets: [],
      staff: [],
    });
    expect(registered.status).toBe(201);
    expect(registered.body.office.disposition).toMatchObject({ ruleId: '三(二)-exception' });
    const officeId = registered.body.officeId as string;
    expect((await clerk.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBe(200);

    for (const [approver, status] of [
      ['approver.tongbai', 'retention-requested'],
      ['approver.nanyang', 'retention-requested'],
      ['approver.henan', 'retained'],
    ] as const) {
      const inbox = (await as[approver]!.get('/tasks')).body.items as { taskId: string; officeId: string }[];
      const task = inbox.find((item) => item.officeId === officeId);
      expect(task).toBeDefined();
      const decided = await as[approver]!.post(`/tasks/${task!.taskId}/decision`, {
        decision: 'approve',
        comment: `${approver} 同意`,
      });
      expect(decided.status).toBe(200);
      expect((await clerk.get(`/offices/${officeId}`)).body.status).toBe(status);
    }

    const history = (await clerk.get(`/offices/${officeId}/history`)).body.items as {
      type: string;
      actor: string;
    }[];
    expect(
      history.filter((event) => event.type.startsWith('Retention')).map((e) => [e.type, e.actor]),
    ).toEqual([
      ['RetentionRequested', 'clerk.tongbai.commerce'],
      ['RetentionForwarded', 'approver.tongbai'],
      ['RetentionForwarded', 'approver.nanyang'],
      ['RetentionApproved', 'approver.henan'],
    ]);
  });
});
