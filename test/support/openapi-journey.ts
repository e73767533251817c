import { DEMO_PASSWORD } from '@liaison/auth';
import type { Client } from './app';
import type { ContractCheck } from './openapi';

// Longer steps of the OpenAPI journey (test/openapi.e2e-spec.ts), each checked against the document by the spec.

/** One record of every kind a retained office keeps under regulation (四, 五, 六), by route. */
function regulationRecords(): [string, unknown][] {
  return [
    [
      'functions',
      { function: 'economic-cooperation', activity: '推介会', evidence: '纪要', occurredOn: '2015-11-28' },
    ],
    ['decoupling', { entities: ['宾馆'], evidence: '脱钩协议', decoupledOn: '2015-11-25' }],
    [
      'receptions',
      {
        receptionId: 'r-1',
        receivedOn: '2015-11-30',
        guestUnit: '市发改委',
        letterReference: '函 12 号',
        list: '工作餐',
        cost: 320,
      },
    ],
    [
      'disclosures',
      {
        year: new Date().getFullYear(),
        budget: 50000,
        spending: 12000,
        venues: '定点饭店',
        publication: '政府网站',
      },
    ],
    ['rotations', { cadre: '赵明', direction: 'out', rotatedOn: '2015-11-30', evidence: '任免文件' }],
    [
      'appraisals',
      {
        year: new Date().getFullYear(),
        grade: 'competent',
        summary: '规范',
        hostDepartment: '郑州市机关事务管理局',
        hostOpinion: '无违规',
      },
    ],
    [
      'supervisions',
      { kind: 'audit', conductedBy: '审计局', conductedOn: '2015-11-30', findings: '无', evidence: '报告' },
    ],
    ['complaints', { complaintId: 'c-1', channel: 'hotline', summary: '反映超标准接待' }],
    ['complaints/c-1/result', { investigation: '调阅清单', result: '反映不实', publication: '政府网站' }],
  ];
}

/** Accounts and units: enrolment, a one-time password changed, role and unit administration, the browser session. */
export async function administerAccountsAndUnits(
  as: Record<string, Client>,
  contract: ContractCheck,
): Promise<void> {
  const admin = as['admin']!;
  expect((await admin.get('/users?role=approver')).status).toBe(200);
  const created = await admin.post('/users', {
    username: 'clerk.openapi',
    displayName: '契约测试',
    role: 'clerk',
    unitId: 'henan.nanyang.xichuan',
    reason: '登记',
  });
  expect(created.status).toBe(201);
  expect((await admin.post('/users', { username: 'clerk.openapi' })).status).toBe(400);
  const detail = await admin.get('/users/clerk.openapi');
  expect(detail.status).toBe(200);
  const changed = await admin.patch(
    '/users/clerk.openapi',
    { role: 'approver', reason: '改任' },
    { 'if-match': detail.headers.get('etag')! },
  );
  expect(changed.status).toBe(200);
  expect((await admin.post('/users/clerk.openapi/disable', { reason: '调离' })).status).toBe(200);
  expect((await admin.post('/users/clerk.openapi/enable', { reason: '复岗' })).status).toBe(200);
  const reset = await admin.post('/users/clerk.openapi/password-reset', { reason: '遗忘' });
  expect(reset.status).toBe(200);
  expect((await admin.get('/users/clerk.openapi/history')).status).toBe(200);
  expect((await admin.get('/users/nobody.here')).status).toBe(404);
  expect((await as['clerk.xichuan']!.get('/users')).status).toBe(403);

  const first = await contract.client().post('/auth/login', {
    username: 'clerk.openapi',
    password: reset.body.oneTimePassword,
  });
  expect(first.body.passwordChangeRequired).toBe(true);
  const restricted = contract.client({ authorization: `Bearer ${first.body.accessToken}` });
  expect((await restricted.get('/offices')).status).toBe(403);
  expect(
    (await restricted.post('/auth/password', { currentPassword: 'wrong', newPassword: 'x' })).status,
  ).toBe(400);
  const ownPassword = await restricted.post('/auth/password', {
    currentPassword: reset.body.oneTimePassword,
    newPassword: 'openapi-approver-1',
  });
  expect(ownPassword.status).toBe(200);
  expect((await restricted.get('/auth/me')).status).toBe(401);

  const unit = await admin.post('/units', {
    parentId: 'henan.nanyang.tanghe',
    key: 'openapi',
    name: '唐河县契约局',
    kind: 'department',
    reason: '测试',
  });
  expect(unit.status).toBe(201);
  expect(
    (await admin.patch('/units/henan.nanyang.tanghe.openapi', { name: '唐河县合同局', reason: '更名' }))
      .status,
  ).toBe(200);
  expect(
    (await admin.post('/units/henan.nanyang.tanghe.openapi/retirement', { reason: '撤并' })).status,
  ).toBe(200);
  expect((await admin.get('/groups?tier=county')).status).toBe(200);
  expect((await admin.post('/auth/queue-board-session')).status).toBe(204);

  // The web console's session: the cookie instead of the bearer token, the csrf cookie echoed on a change.
  const browser = contract.client();
  expect((await browser.post('/auth/session', { username: 'approver.xichuan' })).status).toBe(400);
  const session = await browser.post('/auth/session', {
    username: 'approver.xichuan',
    password: DEMO_PASSWORD,
  });
  expect(session.status).toBe(200);
  const cookies = Object.fromEntries(
    session.headers.getSetCookie().map((line) => line.split(';')[0]!.split('=') as [string, string]),
  );
  const cookie = `session=${cookies.session}; csrf=${cookies.csrf}`;
  const inSession = contract.client({ cookie });
  expect((await inSession.get('/tasks?view=mine')).status).toBe(200);
  const refused = await inSession.post('/auth/password', {
    currentPassword: 'x',
    newPassword: 'y'.repeat(8),
  });
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBe('csrf');
  expect((await inSession.delete('/auth/session', { 'x-csrf-token': cookies.csrf! })).status).toBe(204);
}

/** The city's report: its downloads, the Bureau's inspection, the review and submission, the province's view. */
export async function produceCityReport(as: Record<string, Client>): Promise<void> {
  const bureau = as['supervisor.nanyang']!;
  const city = '/reports/city/henan.nanyang';
  expect((await bureau.get(city)).status).toBe(200);
  expect((await bureau.get(`${city}?at=${encodeURIComponent('2015-12-01T00:00:00+08:00')}`)).status).toBe(
    200,
  );
  expect((await bureau.get(`${city}?at=yesterday`)).status).toBe(400);
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  expect((await bureau.get(city, { accept: xlsx })).headers.get('content-type')).toBe(xlsx);
  expect((await bureau.get(city, { accept: 'application/pdf' })).headers.get('content-type')).toBe(
    'application/pdf',
  );
  expect((await bureau.get(`${city}/report.xlsx`)).status).toBe(200);
  expect((await bureau.get(`${city}/report.pdf`)).status).toBe(200);
  expect((await bureau.get(`${city}/circulation.pdf`)).status).toBe(200);
  expect((await bureau.post(`${city}/review`, { decision: 'returned' })).status).toBe(422);
  const inspected = await bureau.post(`${city}/inspections`, {
    unitId: 'henan.nanyang.xichuan',
    verdict: 'accepted',
  });
  expect(inspected.status).toBe(200);
  expect(
    (await bureau.post(`${city}/inspections`, { unitId: 'henan.nanyang.neixiang', verdict: 'accepted' }))
      .status,
  ).toBe(409);
  expect((await bureau.post(`${city}/review`, { decision: 'approved', comment: '同意上报' })).status).toBe(
    200,
  );
  expect((await bureau.post(`${city}/submission`)).status).toBe(200);
  expect((await as['admin']!.get('/reports/province/henan')).status).toBe(200);
  expect((await as['clerk.xichuan']!.get('/reports/province/henan')).status).toBe(403);
}

/** Every kind of record a retained office keeps, one refusal citing 四, its dated duties and the lapses. */
export async function keepUnderRegulation(as: Record<string, Client>, officeId: string): Promise<void> {
  const clerk = as['clerk.xichuan']!;
  const records = regulationRecords();
  for (const [route, body] of records) {
    const reply = await clerk.post(`/regulation/offices/${officeId}/${route}`, body);
    expect([route, reply.status]).toEqual([route, 200]);
  }
  const refused = await clerk.post(`/regulation/offices/${officeId}/functions`, {
    function: 'project-lobbying',
    activity: '争取资金',
    evidence: '无',
    occurredOn: '2015-11-28',
  });
  expect(refused.status).toBe(422);
  const view = await as['supervisor.nanyang']!.get(`/regulation/offices/${officeId}`);
  expect(view.body.lapses).toEqual([]);
  expect((await as['supervisor.nanyang']!.get('/regulation/lapses')).status).toBe(200);
}
