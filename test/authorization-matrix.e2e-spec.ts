import { randomUUID } from 'node:crypto';
import {
  enrol,
  RETENTION,
  signedIn,
  specRedisUrl,
  startApp,
  type Client,
  type RunningApp,
} from './support/app';
import { ROLES, TABLE, TARGETS, type MatrixRequest, type Target } from './support/authorization-table';

/**
 * Every route of the served OpenAPI document, by every role, about a target inside and outside the sender's
 * jurisdiction: allowed or refused as the table (test/support/authorization-table.ts) says. A route the document
 * has and the table lacks fails the test, so a new route is classified when it is added.
 */
let running: RunningApp;
const tokens = new Map<string, string>();
const targets: Target[] = [];

beforeAll(async () => {
  running = await startApp({
    REDIS_URL: specRedisUrl(4),
    QUEUE_PREFIX: `authorization-e2e-${process.pid}`,
    CAMPAIGN: 'nanyang-2015',
  });
  const admin = await signedIn(running.url, 'admin');
  // 老城区 has approvers of its own, so its requests wait at the county tier like 淅川县's and 唐河县's.
  await enrol(running, {
    username: 'approver.laocheng',
    displayName: '老城区审批人',
    role: 'approver',
    unitId: '410302',
  });
  await enrol(running, {
    username: 'admin.nanyang',
    displayName: '南阳市管理员',
    role: 'admin',
    unitId: 'henan.nanyang',
  });
  for (const [, username] of ROLES) {
    if (!username) continue;
    const reply = await fetch(`${running.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo-password' }),
    });
    tokens.set(username, ((await reply.json()) as { accessToken: string }).accessToken);
  }
  for (const [index, unitId] of TARGETS.entries()) targets.push(await targetIn(admin, unitId, `t${index}`));
}, 90_000);

afterAll(async () => {
  await running?.close();
});

/** An office waiting for its county's approvers, a department and a clerk account, in the unit. */
async function targetIn(admin: Client, unitId: string, key: string): Promise<Target> {
  const registered = await admin.post('/offices', {
    name: `${unitId} 驻乌鲁木齐办事处`,
    sponsorUnitId: unitId,
    hostCityId: 'urumqi',
    pairedAssistance: true,
  });
  expect(registered.status).toBe(201);
  const officeId = registered.body.officeId as string;
  expect((await admin.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBe(200);
  const detail = await admin.get(`/offices/${officeId}`);
  expect(detail.body.openTask).toMatchObject({ tier: 'county' });
  const department = await admin.post('/units', {
    parentId: unitId,
    key: 'matrix',
    name: '矩阵检查局',
    kind: 'department',
    reason: '权限矩阵检查 (七)',
  });
  expect(department.status).toBe(201);
  const username = `matrix.${key}`;
  const user = await admin.post('/users', {
    username,
    displayName: '矩阵联络员',
    role: 'clerk',
    unitId,
    reason: '权限矩阵检查 (七)',
  });
  expect(user.status).toBe(201);
  return {
    unitId,
    officeId,
    taskId: detail.body.openTask.taskId,
    departmentId: department.body.unit.id,
    username,
    newOfficeId: randomUUID(),
    key,
  };
}

async function send(
  request: MatrixRequest,
  username: string | undefined,
): Promise<{ status: number; body: string }> {
  const token = username ? tokens.get(username) : undefined;
  const response = await fetch(`${running.url}${request.path}`, {
    method: request.method,
    headers: {
      ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...request.headers,
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  // An accepted event stream (GET /tasks/stream) never ends: its status is the answer.
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, body: '' };
  }
  return { status: response.status, body: (await response.text()).slice(0, 200) };
}

const REFUSED = [401, 403, 404];

it('classifies every route of the document', async () => {
  const document = (await (await fetch(`${running.url}/docs/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(routes.filter((route) => !(route in TABLE))).toEqual([]);
  expect(Object.keys(TABLE).filter((route) => !routes.includes(route))).toEqual([]);
});

it('lets every role do what its jurisdiction allows, and nothing else', async () => {
  const mismatches: string[] = [];
  for (const [route, row] of Object.entries(TABLE)) {
    const expected = row.expected.split(/\s+/);
    expect(expected).toHaveLength(ROLES.length);
    // One route at a time, its senders and targets at once: changes carry a stale If-Match or a key of their own.
    const checks = ROLES.flatMap(([role, username], column) =>
      targets.map(async (target, index) => {
        const outcome = expected[column]![index]!;
        const reply = await send(row.request(target, username ?? 'anonymous'), username);
        const refused = REFUSED.includes(reply.status);
        const kept =
          outcome === 'A' ? !refused && reply.status < 500 : outcome === 'N' ? reply.status === 404 : refused;
        return kept
          ? undefined
          : `${route} by ${role} on ${target.unitId}: expected ${outcome}, got ${reply.status} ${reply.body}`;
      }),
    );
    for (const mismatch of await Promise.all(checks)) if (mismatch) mismatches.push(mismatch);
  }
  expect(mismatches).toEqual([]);
}, 300_000);
