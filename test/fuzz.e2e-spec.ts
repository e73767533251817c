import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EVENT_STORE } from '@liaison/application';
import { DEMO_PASSWORD, DEMO_USERS } from '@liaison/auth';
import type { EventStore } from '@liaison/event-store';
import { seedDemo } from '../apps/api/src/demo/seed';
import { client, signedIn, specRedisUrl, startApp, type RunningApp } from './support/app';
import { errorShapeCheck, FuzzTally, headOf } from './support/fuzz-oracle';
import {
  encodeBody,
  operationsOf,
  SchemaArbitraries,
  type FuzzRequest,
  type OpenApiDocument,
} from './support/fuzz-requests';

/**
 * Requests generated from the served OpenAPI document against every operation, by every kind of user: valid ones,
 * ones a mutation away from valid, and hostile ones. Whatever comes in, the API answers below 500, every 4xx has the
 * document's error shape, and a refused request appends nothing to the event log.
 *
 * CI runs a bounded number with a fixed seed; `npm run fuzz` is the longer run, 10,000 requests (`FUZZ_RUNS` sets
 * the count, `FUZZ_SEED` another seed, `FUZZ_REPORT` where the counts per operation and status go).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20150608);

/** Who sends the requests: signed in as users of every role and tier, or not at all, or with a forged token. */
const ACTORS = [
  'admin',
  'supervisor.henan',
  'supervisor.nanyang',
  'approver.henan',
  'approver.nanyang',
  'approver.xichuan',
  'approver.tanghe',
  'clerk.nanyang',
  'clerk.xichuan',
  'clerk.tanghe',
];
const FORGED: Record<string, string>[] = [
  {},
  { authorization: 'Bearer' },
  { authorization: 'Bearer not.a.token' },
  { authorization: 'Basic YWRtaW46ZGVtby1wYXNzd29yZA==' },
  { authorization: `Bearer ${'x'.repeat(5000)}` },
  { cookie: 'session=forged; csrf=forged', 'x-csrf-token': 'forged' },
];

let running: RunningApp;
let store: EventStore;

beforeAll(async () => {
  // The plan's campaign, so its routes answer with its phases rather than "no campaign".
  running = await startApp({
    REDIS_URL: specRedisUrl(3),
    QUEUE_PREFIX: `fuzz-e2e-${process.pid}`,
    CAMPAIGN: 'nanyang-2015',
  });
  await seedDemo(running.app, new Logger('Demo'));
  store = running.app.get<symbol, EventStore>(EVENT_STORE);
}, 60_000);

afterAll(async () => {
  await running?.close();
});

async function send(request: FuzzRequest, authorization: Record<string, string>) {
  const { text, contentType } = encodeBody(request);
  const url = `${running.url}${request.path}${request.query ? `?${request.query}` : ''}`;
  const response = await fetch(url, {
    method: request.method,
    headers: {
      ...request.headers,
      ...(contentType ? { 'content-type': contentType } : {}),
      ...authorization,
    },
    body: text,
  });
  // An accepted event stream (GET /tasks/stream) never ends: its status is the answer.
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, body: '' };
  }
  const raw = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json');
  return { status: response.status, body: json && raw ? (JSON.parse(raw) as unknown) : raw };
}

/** What the failure message shows of a request: enough to send it again by hand. */
function shownAs(request: FuzzRequest, actor: string, status: number, body: unknown): string {
  const sent = encodeBody(request).text;
  return [
    `${request.method} ${request.path}${request.query ? `?${request.query}` : ''} as ${actor} → ${status}`,
    `  body sent: ${sent === undefined ? '(none)' : sent.slice(0, 300)} (${request.contentType})`,
    `  headers: ${JSON.stringify(request.headers).slice(0, 200)}`,
    `  answer: ${JSON.stringify(body).slice(0, 300)}`,
  ].join('\n');
}

it(
  `answers ${RUNS} generated requests below 500, refusals in the error shape and with nothing appended`,
  async () => {
    const document = (await (await fetch(`${running.url}/docs/openapi.json`)).json()) as OpenApiDocument;
    const errorShape = await errorShapeCheck(document);
    const admin = await signedIn(running.url, 'admin');
    const offices = (await admin.get('/offices?pageSize=500')).body.items as { officeId: string }[];
    const units = (await admin.get('/units?status=all')).body as { id: string }[];
    const cities = (await admin.get('/host-cities')).body as { id: string }[];
    const types = (await store.readAll()).map((event) => event.type);
    const arbitraries = new SchemaArbitraries(document, {
      officeIds: offices.map((office) => office.officeId),
      // Nanyang's units, where the demo's offices and users are, and a few of the other cities'.
      unitIds: [
        ...units.filter((unit) => unit.id.startsWith('henan')).map((unit) => unit.id),
        ...units
          .filter((unit) => !unit.id.startsWith('henan'))
          .map((unit) => unit.id)
          .slice(0, 20),
      ],
      hostCityIds: cities.map((city) => city.id),
      // Accounts nobody here signs in with: disabling or resetting them leaves the senders' tokens working.
      usernames: [
        ...DEMO_USERS.map((user) => user.username).filter((name) => !ACTORS.includes(name)),
        'nobody',
      ],
      eventTypes: [...new Set(types)],
    });
    const tokens: Record<string, Record<string, string>> = {};
    for (const name of ACTORS) {
      const reply = await client(running.url).post('/auth/login', {
        username: name,
        password: DEMO_PASSWORD,
      });
      tokens[name] = { authorization: `Bearer ${reply.body.accessToken}` };
    }
    // A browser's session: its cookies with the csrf header, and without it.
    const session = await client(running.url).post('/auth/session', {
      username: 'clerk.tanghe',
      password: DEMO_PASSWORD,
    });
    const cookies = session.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0]!)
      .join('; ');
    const csrf = decodeURIComponent(/csrf=([^;]+)/.exec(cookies)?.[1] ?? '');
    const browsers: { name: string; headers: Record<string, string> }[] = [
      { name: 'session of clerk.tanghe', headers: { cookie: cookies, 'x-csrf-token': csrf } },
      { name: 'session of clerk.tanghe without csrf', headers: { cookie: cookies } },
    ];
    const senders = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...ACTORS.map((name) => ({ name, headers: tokens[name]! }))) },
      { weight: 1, arbitrary: fc.constantFrom(...browsers) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...FORGED.map((headers, index) => ({ name: `forged-${index}`, headers }))),
      },
    );
    const operations = operationsOf(document);
    const requests = fc.constantFrom(...operations).chain((operation) => arbitraries.request(operation));
    const tally = new FuzzTally();
    const seen = new Set<string>();
    const fail = (key: string, message: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      tally.problems.push(message);
    };
    const started = Date.now();

    await fc.assert(
      fc.asyncProperty(senders, requests, async (sender, request) => {
        const before = await headOf(store);
        const reply = await send(request, sender.headers);
        const after = await headOf(store);
        const operation = `${request.method} ${request.operation.path}`;
        tally.record(operation, reply.status);
        const shown = () => shownAs(request, sender.name, reply.status, reply.body);
        if (process.env.FUZZ_DEBUG && reply.status === 400) console.log(shown());
        if (reply.status >= 500) fail(`${operation} ${reply.status}`, `a ${reply.status}:\n${shown()}`);
        if (reply.status >= 400 && reply.status < 500) {
          const wrong = errorShape(reply.body);
          if (wrong) fail(`${operation} ${reply.status} shape`, `not the error shape: ${wrong}\n${shown()}`);
          if (before !== after)
            fail(`${operation} ${reply.status} appended`, `refused but appended:\n${shown()}`);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );

    const report = tally.report(Date.now() - started);
    if (process.env.FUZZ_REPORT) {
      mkdirSync(dirname(process.env.FUZZ_REPORT), { recursive: true });
      writeFileSync(process.env.FUZZ_REPORT, `${report}\n${tally.problems.join('\n\n')}\n`);
    }
    expect(tally.requests).toBe(RUNS);
    // Every operation of the document was tried.
    expect([...tally.operations.keys()].sort()).toEqual(
      operations.map((operation) => `${operation.method} ${operation.path}`).sort(),
    );
    expect(tally.problems).toEqual([]);
  },
  Math.max(120_000, RUNS * 200),
);
