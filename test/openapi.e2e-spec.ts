import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { writeFileSync } from 'node:fs';
import { bullConnection, DEADLINE_QUEUE } from '@liaison/app';
import { registration, RETENTION, specRedisUrl, startApp, type Client, type RunningApp } from './support/app';
import { ContractCheck } from './support/openapi';
import {
  administerAccountsAndUnits,
  keepUnderRegulation,
  produceCityReport,
} from './support/openapi-journey';
import { eventually, startWorker } from './support/worker';

/**
 * The OpenAPI document is the contract a generated client is built from: a realistic journey through the running
 * app (the campaign with the plan's 2015 dates, so reminders and the circulation list fill), with every request and
 * response checked against the document as served.
 */
const REDIS_URL = specRedisUrl(15);
const ENV = {
  REDIS_URL,
  QUEUE_PREFIX: `openapi-e2e-${process.pid}`,
  CAMPAIGN: 'nanyang-2015',
  ESCALATION_LADDER: 'reminder=0s,escalation=1s,leading-group=2s',
  DEADLINE_RECONCILE_MS: '1000',
};

let running: RunningApp;
let worker: INestApplicationContext | undefined;
let contract: ContractCheck;
const as: Record<string, Client> = {};

beforeAll(async () => {
  running = await startApp(ENV);
  contract = await ContractCheck.load(running.url);
  for (const name of [
    'admin',
    'clerk.xichuan',
    'clerk.nanyang',
    'clerk.tanghe',
    'approver.xichuan',
    'approver.xichuan.2',
    'approver.nanyang',
    'approver.henan',
    'supervisor.nanyang',
  ]) {
    as[name] = await contract.signedIn(name);
  }
}, 180_000);

afterAll(async () => {
  if (process.env.OPENAPI_EXCHANGES) {
    writeFileSync(process.env.OPENAPI_EXCHANGES, JSON.stringify(contract.exchanges, null, 2));
  }
  await worker?.close();
  const queue = new Queue(DEADLINE_QUEUE, {
    connection: bullConnection(REDIS_URL, 'producer'),
    prefix: ENV.QUEUE_PREFIX,
  });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await running.close();
});

/** Fails the test with every mismatch found so far, then starts afresh. */
function expectContractKept(): void {
  const problems = contract.problems.splice(0);
  expect(problems).toEqual([]);
}

const taskOf = async (approver: string, officeId: string) => {
  const inbox = await as[approver]!.get('/tasks?pageSize=200');
  expect(inbox.status).toBe(200);
  return inbox.body.items.find((task: { officeId: string }) => task.officeId === officeId);
};

describe('the document', () => {
  it('is valid OpenAPI 3.0, with servers, a schema for every answer and the one error schema', async () => {
    expect(await contract.documentErrors()).toEqual([]);
    const lint = await contract.lintProblems();
    expect(lint.filter((problem) => problem.startsWith('error'))).toEqual([]);
    if (process.env.OPENAPI_LINT) console.log(lint.join('\n'));
    const document = contract.document as any;
    expect(document.servers.length).toBeGreaterThan(0);
    for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        for (const [status, response] of Object.entries<any>(operation.responses)) {
          const where = `${method.toUpperCase()} ${path} ${status}`;
          if (status === '204') continue;
          expect([where, Object.keys(response.content ?? {}).length > 0]).toEqual([where, true]);
          if (status.startsWith('4')) {
            expect([where, response.content['application/json'].schema]).toEqual([
              where,
              { $ref: '#/components/schemas/ErrorBodyDto' },
            ]);
          }
        }
        if (operation.security?.length) expect(Object.keys(operation.responses)).toContain('401');
      }
    }
  });
});

describe('a journey through the API, checked against the document', () => {
  let officeId: string;

  it('signs in, reads the reference data and refuses the anonymous and the malformed', async () => {
    const anonymous = contract.client();
    expect((await anonymous.get('/offices')).status).toBe(401);
    expect((await anonymous.post('/auth/login', { username: 'admin', password: 'wrong' })).status).toBe(401);
    expect((await anonymous.post('/auth/login', { username: 'admin' })).status).toBe(400);
    expect((await anonymous.get('/health')).status).toBe(200);
    expect((await anonymous.get('/health/live')).status).toBe(200);
    expect((await anonymous.get('/health/ready')).status).toBe(200);
    expect((await anonymous.get('/metrics')).status).toBe(200);
    expect((await as['clerk.xichuan']!.get('/auth/me')).status).toBe(200);
    for (const path of [
      '/jurisdictions',
      '/host-cities',
      '/rules',
      '/rules/preview?sponsorUnitId=henan.nanyang.xichuan&hostCityId=zhengzhou',
      '/units',
      '/units/henan.nanyang',
    ]) {
      expect([path, (await as['clerk.xichuan']!.get(path)).status]).toEqual([path, 200]);
    }
    expect((await as['clerk.xichuan']!.get('/units/henan.nowhere')).status).toBe(404);
    expect((await as['admin']!.get('/groups')).status).toBe(200);
    expect((await as['admin']!.get('/tasks/holdings')).status).toBe(200);
    expectContractKept();
  });

  it('registers an office (with a retry), reads it, its list and its history', async () => {
    const clerk = as['clerk.xichuan']!;
    const body = registration('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true });
    const key = { 'idempotency-key': `openapi-register-${process.pid}` };
    const registered = await clerk.post('/offices', body, key);
    expect(registered.status).toBe(201);
    expect(registered.headers.get('location')).toBe(`/offices/${registered.body.officeId}`);
    officeId = registered.body.officeId;
    const retry = await clerk.post('/offices', body, key);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    // Optional fields may be left out: the README's own minimal example.
    expect((await clerk.post('/offices', registration('henan.nanyang.xichuan', 'beijing'))).status).toBe(201);
    const bad = await clerk.post('/offices', { ...body, hostCityId: '', colour: 'red' });
    expect(bad.status).toBe(400);
    expect((await clerk.post('/offices', '{"name":')).status).toBe(400);
    expect((await clerk.post('/offices', { ...body, name: 'x'.repeat(1_100_000) })).status).toBe(413);
    expect((await clerk.post('/offices', registration('henan.nanyang', 'zhengzhou'))).status).toBe(403);
    const detail = await clerk.get(`/offices/${officeId}`);
    expect(detail.headers.get('etag')).toBe('"1"');
    expect((await clerk.get('/offices?status=proposed&page=1&pageSize=10')).status).toBe(200);
    expect((await clerk.get(`/offices/${officeId}/history`)).status).toBe(200);
    expect((await clerk.get('/offices/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await as['clerk.tanghe']!.get(`/offices/${officeId}`)).status).toBe(404);
    expectContractKept();
  });

  it('requests retention (a stale If-Match first) and decides at each tier, losing one race', async () => {
    const clerk = as['clerk.xichuan']!;
    const stale = await clerk.post(`/offices/${officeId}/retention-request`, RETENTION, {
      'if-match': '"0"',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(1);
    const requested = await clerk.post(`/offices/${officeId}/retention-request`, RETENTION, {
      'if-match': '"1"',
    });
    expect(requested.status).toBe(200);

    const county = await taskOf('approver.xichuan', officeId);
    expect((await as['approver.xichuan']!.get(`/tasks/${county.taskId}`)).status).toBe(200);
    const delegates = await as['approver.xichuan']!.get('/tasks/delegates');
    expect(delegates.body.approvers.map((a: { username: string }) => a.username)).toContain(
      'approver.xichuan.2',
    );
    const filtered = await as['approver.xichuan']!.get(
      `/tasks?unitId=henan.nanyang.xichuan&tier=county&ruleId=${encodeURIComponent(county.ruleId)}&officeName=${encodeURIComponent(county.officeName.slice(0, 4))}`,
    );
    expect(filtered.body.items.map((t: { officeId: string }) => t.officeId)).toContain(officeId);
    expect((await as['approver.xichuan']!.get('/tasks?unitId=henan.zhengzhou')).status).toBe(422);
    const streamer = await contract.signedIn('approver.xichuan');
    const stream = await contract.openStream('/tasks/stream', streamer.headers);
    expect(stream.status).toBe(200);
    expect((await as['approver.xichuan']!.post(`/tasks/${county.taskId}/claim`)).status).toBe(200);
    expect((await as['approver.xichuan']!.post(`/tasks/${county.taskId}/release`)).status).toBe(200);
    const noReason = await as['approver.xichuan']!.post(`/tasks/${county.taskId}/decision`, {
      decision: 'reject',
    });
    expect(noReason.status).toBe(400);
    expect((await as['approver.xichuan']!.post(`/tasks/${county.taskId}/claim`)).status).toBe(200);
    const handed = await as['approver.xichuan']!.post(`/tasks/${county.taskId}/delegate`, {
      to: 'approver.xichuan.2',
    });
    expect(handed.body.task.assignee).toBe('approver.xichuan.2');
    const forwarded = await as['approver.xichuan.2']!.post(`/tasks/${county.taskId}/decision`, {
      decision: 'approve',
      comment: '同意,报市级',
    });
    expect(forwarded.status).toBe(200);
    const late = await as['approver.xichuan']!.post(`/tasks/${county.taskId}/decision`, {
      decision: 'approve',
    });
    expect(late.status).toBe(409);

    const municipal = await taskOf('approver.nanyang', officeId);
    expect(
      (await as['approver.nanyang']!.post(`/tasks/${municipal.taskId}/decision`, { decision: 'approve' }))
        .status,
    ).toBe(200);
    const provincial = await taskOf('approver.henan', officeId);
    const final = await as['approver.henan']!.post(`/tasks/${provincial.taskId}/decision`, {
      decision: 'approve',
      comment: '准予保留',
    });
    expect(final.body.status).toBe('retained');
    for (const view of ['mine', 'group', 'unclaimed', 'overdue']) {
      expect((await as['approver.nanyang']!.get(`/tasks?view=${view}`)).status).toBe(200);
    }
    expect((await clerk.get('/tasks')).status).toBe(403);
    expectContractKept();
  });

  it('keeps the retained office under regulation (四, 五, 六): records, dated duties, lapses', async () => {
    await keepUnderRegulation(as, officeId);
    expectContractKept();
  });

  it('returns and resubmits; rules on an office the plan does not cover', async () => {
    const clerk = as['clerk.nanyang']!;
    const sent = await clerk.post('/offices', registration('henan.nanyang', 'zhengzhou'));
    await clerk.post(`/offices/${sent.body.officeId}/retention-request`, RETENTION);
    const task = await taskOf('approver.nanyang', sent.body.officeId);
    const returned = await as['approver.nanyang']!.post(
      `/offices/${sent.body.officeId}/retention-decisions`,
      {
        tier: 'municipal',
        decision: 'return',
        comment: '请补充职能说明',
      },
    );
    expect([task.tier, returned.status]).toEqual(['municipal', 200]);
    const resubmitted = await clerk.post(
      `/offices/${sent.body.officeId}/retention-request/resubmission`,
      RETENTION,
    );
    expect(resubmitted.status).toBe(200);

    const uncovered = await as['admin']!.post('/offices', registration('henan.nanyang.drc', 'shanghai'));
    const ruling = await taskOf('approver.henan', uncovered.body.officeId);
    expect(ruling.kind).toBe('ruling');
    const ruled = await as['approver.henan']!.post(`/offices/${uncovered.body.officeId}/ruling`, {
      ruling: 'abolish',
      reasoning: '参照豫政办〔2015〕74号精神,市直部门驻外省办事机构一律撤销',
      tier: 'provincial',
    });
    expect(ruled.status).toBe(200);
    expectContractKept();
  });

  it('abolishes an office: assets, staff (one disposal refused by 八(三)), closure', async () => {
    const clerk = as['clerk.tanghe']!;
    const registered = await clerk.post(
      '/offices',
      registration('henan.nanyang.tanghe', 'zhengzhou', {
        assets: [{ assetId: 'car-1', kind: 'vehicle', description: '公务用车', bookValue: 100000 }],
      }),
    );
    const id = registered.body.officeId as string;
    expect((await clerk.post(`/offices/${id}/staff`, { staffId: 'p-1', name: '王芳' })).status).toBe(200);
    expect(
      (
        await clerk.post(`/offices/${id}/assets`, {
          assetId: 'desk-1',
          kind: 'other',
          description: '办公桌',
          bookValue: 500,
        })
      ).status,
    ).toBe(200);
    expect(
      (await clerk.post(`/offices/${id}/abolition`, { decisionReference: '唐政〔2015〕8号' })).status,
    ).toBe(200);
    const disposal = {
      method: 'transfer',
      recipient: '某某个人',
      recipientKind: 'private-party',
      value: 1,
      approvalReference: '唐国资〔2015〕1号',
    };
    const refused = await clerk.post(`/offices/${id}/asset-disposals`, { assetId: 'car-1', ...disposal });
    expect(refused.status).toBe(422);
    expect((await clerk.post(`/offices/${id}/closure`)).status).toBe(422);
    for (const assetId of ['car-1', 'desk-1']) {
      const reply = await clerk.post(`/offices/${id}/asset-disposals`, {
        ...disposal,
        assetId,
        method: 'public-auction',
        recipient: '竞得人',
        value: 100,
      });
      expect(reply.status).toBe(200);
    }
    const placement = { staffId: 'p-1', placement: 'returned-to-sponsor', destination: '唐河县政府办' };
    expect((await clerk.post(`/offices/${id}/staff-placements`, placement)).status).toBe(200);
    expect((await clerk.post(`/offices/${id}/closure`)).status).toBe(200);
    expect((await clerk.post(`/offices/${id}/closure`)).status).toBe(409);
    expectContractKept();
  });

  it('reads the trail: timeline, as of an instant, events and their export, verification and anchors', async () => {
    const supervisor = as['supervisor.nanyang']!;
    const now = new Date().toISOString();
    expect((await supervisor.get(`/offices/${officeId}/timeline`)).status).toBe(200);
    expect((await supervisor.get(`/offices/${officeId}/as-of?at=${now}`)).status).toBe(200);
    expect((await supervisor.get(`/offices/${officeId}/as-of?at=yesterday`)).status).toBe(400);
    expect((await supervisor.get('/units/henan.nanyang.xichuan/timeline')).status).toBe(200);
    expect((await supervisor.get(`/campaign/as-of?at=${now}`)).status).toBe(200);
    const day = 86_400_000;
    const period = {
      from: new Date(Date.now() - day).toISOString(),
      to: new Date(Date.now() + day).toISOString(),
    };
    expect((await supervisor.post('/what-if', { ...period, sla: { county: '0s' } })).status).toBe(200);
    expect((await supervisor.post('/what-if', { ...period, ladder: { escalation: 'later' } })).status).toBe(
      400,
    );
    expect((await supervisor.get('/events?limit=20')).status).toBe(200);
    const csv = await supervisor.get('/events/export?format=csv');
    expect([csv.status, csv.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    const lines = await supervisor.get('/events/export?format=jsonl');
    expect(lines.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect((await supervisor.get('/audit/verify')).status).toBe(200);
    expect((await as['clerk.xichuan']!.get('/events')).status).toBe(403);
    expect((await as['admin']!.post('/audit/anchors')).status).toBe(201);
    expectContractKept();
  });

  it('files the work plan, moves a deadline, and reads notices and the circulation list', async () => {
    const plan = {
      leadDepartment: '县政府办公室',
      liaisonPerson: { name: '王联络', phone: '0377-69212345' },
      plan: '全面清理驻郑州办事机构',
    };
    expect((await as['clerk.xichuan']!.post('/units/henan.nanyang.xichuan/work-plan', plan)).status).toBe(
      200,
    );
    expect(
      (
        await as['clerk.xichuan']!.post('/units/henan.nanyang.xichuan/work-summary', {
          summary: '已完成清理',
        })
      ).status,
    ).toBe(200);
    expect((await as['clerk.xichuan']!.get('/units/henan.nanyang.xichuan/filings')).status).toBe(200);
    expect((await as['clerk.xichuan']!.get('/campaign')).status).toBe(200);
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const moved = await as['admin']!.post('/campaign/phases/summary/deadline', { to: soon, reason: '延期' });
    expect(moved.status).toBe(200);

    worker = await startWorker(ENV, running.dataDir);
    const notice = await eventually(
      'a reminder to 唐河',
      async () =>
        ((await as['clerk.tanghe']!.get('/notices?pageSize=500')).body.items as { noticeId: string }[])[0],
    );
    expect(
      (await as['clerk.tanghe']!.post(`/notices/${encodeURIComponent(notice.noticeId)}/read`)).status,
    ).toBe(200);
    expect((await as['clerk.tanghe']!.get('/notices?unread=true')).status).toBe(200);
    await eventually('the circulation list', async () => {
      const list = await as['supervisor.nanyang']!.get('/notices/circulation');
      return list.body.items.length > 0 ? list : undefined;
    });
    expect((await as['clerk.tanghe']!.get('/notices/circulation')).status).toBe(403);
    expectContractKept();
  });

  it('administers accounts and units', async () => {
    await administerAccountsAndUnits(as, contract);
    expectContractKept();
  });

  it("produces the city's report and its downloads, inspects, reviews and submits it, and shows it to the province", async () => {
    await produceCityReport(as);
    expectContractKept();
  });

  it('called every operation of the document, each with a success at least once', () => {
    const succeeded = new Set(contract.exchanges.filter((e) => e.status < 300).map((e) => e.operationId));
    const operations = Object.values<Record<string, { operationId: string }>>(contract.document.paths as any)
      .flatMap((methods) => Object.values(methods))
      .map((operation) => operation.operationId);
    expect(operations.filter((id) => !succeeded.has(id))).toEqual([]);
  });
});
