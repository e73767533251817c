import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '@liaison/application';
import type { EventStore } from '@liaison/event-store';
import {
  client,
  enrol,
  registration,
  RETENTION,
  signedIn,
  specRedisUrl,
  startApp,
  type RunningApp,
} from './support/app';
import { parsePrometheusText, sampleValue } from './support/prometheus';

/** Logs, metrics, request ids and probes of the API, against real Redis (database 13 is this suite's). */
const ENV = {
  REDIS_URL: specRedisUrl(13),
  QUEUE_PREFIX: `observability-e2e-${process.pid}`,
  LOG_LEVEL: 'log',
};

let running: RunningApp;
const lines: string[] = [];
const logged = () => lines.map((line) => JSON.parse(line) as Record<string, any>);

beforeAll(async () => {
  running = await startApp(ENV, { logDestination: { write: (line: string) => void lines.push(line) } });
});

afterAll(async () => {
  await running?.close();
});

const scrape = async () => {
  const reply = await fetch(`${running.url}/metrics`);
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await reply.text());
};

describe('request ids', () => {
  it("keeps the caller's X-Request-Id, answers with it, and records it as the events' correlation id", async () => {
    const clerk = await signedIn(running.url, 'clerk.xichuan');
    const requestId = `obs-${randomUUID()}`;
    const registered = await clerk.post('/offices', registration('henan.nanyang.xichuan', 'zhengzhou'), {
      'x-request-id': requestId,
    });
    expect(registered.status).toBe(201);
    expect(registered.headers.get('x-request-id')).toBe(requestId);
    const history = await clerk.get(`/offices/${registered.body.officeId}/history`);
    expect(history.body.items).toEqual([expect.objectContaining({ correlationId: requestId })]);
    // The request's own log line, and nothing of the token that signed it in.
    const line = logged().find((entry) => entry.requestId === requestId && entry.res);
    expect(line).toMatchObject({
      level: 'info',
      service: 'api',
      req: { method: 'POST', url: '/offices' },
      res: { statusCode: 201 },
      responseTime: expect.any(Number),
    });
    expect(lines.join('')).not.toMatch(/Bearer|eyJ[\w-]+\.eyJ/);
  });

  it('takes X-Correlation-Id when there is no X-Request-Id, and makes one when neither is well-formed', async () => {
    const clerk = await signedIn(running.url, 'clerk.xichuan');
    const registered = await clerk.post('/offices', registration('henan.nanyang.xichuan', 'zhengzhou'));
    const made = registered.headers.get('x-request-id')!;
    expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const { officeId } = registered.body;
    const correlated = await clerk.post(
      `/offices/${officeId}/abolition`,
      { decisionReference: '淅政〔2015〕1号' },
      { 'x-correlation-id': 'gateway-7f3a' },
    );
    expect(correlated.status).toBe(200);
    expect(correlated.headers.get('x-request-id')).toBe('gateway-7f3a');
    // Not a plain token: replaced, never copied into a header, a log line or the record.
    const closed = await clerk.post(`/offices/${officeId}/closure`, undefined, {
      'x-request-id': 'two words',
      'x-correlation-id': 'a"quote',
    });
    expect(closed.status).toBe(200);
    const replaced = closed.headers.get('x-request-id')!;
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    const events = (await clerk.get(`/offices/${officeId}/history`)).body.items as any[];
    expect(events.map((e) => [e.type, e.correlationId])).toEqual(
      expect.arrayContaining([
        ['OfficeRegistered', made],
        ['OfficeAbolished', 'gateway-7f3a'],
        ['OfficeClosed', replaced],
      ]),
    );
  });

  it('every command route carries it: filings, anchors', async () => {
    const admin = await signedIn(running.url, 'admin');
    const anchored = await admin.post('/audit/anchors', undefined, { 'x-request-id': 'anchor-req-1' });
    expect(anchored.status).toBe(201);
    const clerk = await signedIn(running.url, 'clerk.xixia');
    const filed = await clerk.post(
      '/units/henan.nanyang.xixia/work-plan',
      {
        leadDepartment: '县政府办公室',
        liaisonPerson: { name: '王联络', phone: '0377-69666666' },
        plan: '…',
      },
      { 'x-request-id': 'work-plan-req-1' },
    );
    expect(filed.status).toBe(200);
    const log = await running.app.get<symbol, EventStore>(EVENT_STORE).readAll();
    const correlations = (type: string) =>
      log.filter((e) => e.type === type).map((e) => e.metadata.correlationId);
    expect(correlations('ChainAnchored')).toContain('anchor-req-1');
    expect(correlations('WorkPlanFiled')).toContain('work-plan-req-1');
  });
});

describe('/metrics', () => {
  it('is the Prometheus text format, open like /health', async () => {
    const families = await scrape();
    expect(families.get('liaison_commands_total')?.type).toBe('counter');
    expect(families.get('liaison_command_duration_seconds')?.type).toBe('histogram');
    for (const gauge of [
      'liaison_projection_lag_events',
      'liaison_projection_lag_seconds',
      'liaison_queue_jobs',
    ]) {
      expect(families.get(gauge)?.type).toBe('gauge');
    }
    expect(sampleValue(families, 'liaison_ready')).toBe(1);
    expect(sampleValue(families, 'liaison_dependency_up', { dependency: 'redis' })).toBe(1);
    expect(sampleValue(families, 'liaison_projection_lag_events')).toBe(0);
    expect(sampleValue(families, 'liaison_queue_jobs', { queue: 'deadlines', state: 'failed' })).toBe(0);
    expect(families.get('process_cpu_user_seconds_total')?.type).toBe('counter');
  });

  it('counts each command by type and outcome, and times it', async () => {
    const clerk = await signedIn(running.url, 'clerk.tanghe');
    const labels = { stream: 'office', command: 'RegisterOffice' };
    const before = await scrape();
    const registered = await clerk.post('/offices', registration('henan.nanyang.tanghe', 'zhengzhou'));
    // 三(一)-a: a county's Zhengzhou office may not ask to be kept.
    const refused = await clerk.post(`/offices/${registered.body.officeId}/retention-request`, RETENTION);
    expect(refused.status).toBe(422);
    const after = await scrape();
    const count = (families: typeof before, outcome: string, command = labels.command) =>
      sampleValue(families, 'liaison_commands_total', { ...labels, command, outcome });
    expect(count(after, 'accepted') - count(before, 'accepted')).toBe(1);
    expect(count(after, 'refused', 'RequestRetention') - count(before, 'refused', 'RequestRetention')).toBe(
      1,
    );
    const timed = (families: typeof before) =>
      sampleValue(families, 'liaison_command_duration_seconds_count', labels);
    expect(timed(after) - timed(before)).toBe(1);
  });
});

describe('probes', () => {
  it('/health/live answers without asking anything else; /health/ready and /health check the dependencies', async () => {
    const anonymous = client(running.url);
    expect((await anonymous.get('/health/live')).body).toMatchObject({ status: 'up' });
    const admin = await signedIn(running.url, 'admin');
    const ready = await admin.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'up',
      eventStore: { status: 'up' },
      readModels: { status: 'up', lagging: false, lag: { eventsBehind: 0 } },
      redis: { status: 'up' },
    });
    const health = await admin.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'up', queues: { deadlines: { failed: 0 } } });
    // Anyone else learns whether each dependency is up, and nothing more.
    const terse = {
      status: 'up',
      eventStore: { status: 'up' },
      readModels: { status: 'up' },
      redis: { status: 'up' },
    };
    expect((await anonymous.get('/health/ready')).body).toStrictEqual(terse);
    expect((await anonymous.get('/health')).body).toStrictEqual(terse);
    const clerk = await signedIn(running.url, 'clerk.xichuan');
    expect((await clerk.get('/health')).body).toStrictEqual(terse);
    const forged = await anonymous.get('/health', { authorization: 'Bearer not.a.token' });
    expect(forged.status).toBe(200);
    expect(forged.body).toStrictEqual(terse);
    // Probes and scrapes are not logged: they come every few seconds.
    expect(logged().some((entry) => /^\/(health|metrics)/.test(entry.req?.url ?? ''))).toBe(false);
  });

  it('is not ready while Redis does not answer, and still alive', async () => {
    const unreachable = await startApp({ ...ENV, REDIS_URL: 'redis://127.0.0.1:1/0', LOG_LEVEL: 'silent' });
    try {
      const anonymous = client(unreachable.url);
      expect((await anonymous.get('/health/live')).status).toBe(200);
      const ready = await anonymous.get('/health/ready');
      expect(ready.status).toBe(503);
      // Down, without the error text to an anonymous caller.
      expect(ready.body).toStrictEqual({
        status: 'down',
        redis: { status: 'down' },
        eventStore: { status: 'up' },
        readModels: { status: 'up' },
      });
      expect((await anonymous.get('/health')).status).toBe(503);
      const families = parsePrometheusText((await anonymous.get('/metrics')).body);
      expect(sampleValue(families, 'liaison_dependency_up', { dependency: 'redis' })).toBe(0);
      expect(sampleValue(families, 'liaison_ready')).toBe(0);
    } finally {
      await unreachable.close();
      // ioredis gives a socket that never connected 2 s to close after a disconnect: let it, so Jest exits clean.
      await new Promise((resolve) => setTimeout(resolve, 2100));
    }
  });
});

describe('the queue board', () => {
  it('loads nothing from the internet', async () => {
    const admin = await signedIn(running.url, 'admin');
    const page = await admin.get('/admin/queues');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain('<div id="root">');
    expect(page.body).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    // The length Fastify sends is the page as served, without the removed links.
    expect(Number(page.headers.get('content-length'))).toBe(Buffer.byteLength(page.body));
  });

  it('is refused to a municipal administrator: it retries, removes and pauses every city’s jobs', async () => {
    const cityAdmin = await enrol(running, {
      username: 'admin.nanyang',
      displayName: '南阳市系统管理员',
      role: 'admin',
      unitId: 'henan.nanyang.bureau',
    });
    for (const reply of [
      await cityAdmin.get('/admin/queues'),
      await cityAdmin.get('/admin/queues/api/queues'),
      await cityAdmin.post('/auth/queue-board-session'),
    ]) {
      expect(reply.status).toBe(403);
      expect(reply.body.message).toContain('administrator of the whole province');
    }
  });
});
