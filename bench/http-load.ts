/**
 * Load generator for the HTTP commands benchmark. Runs in a worker thread so that building requests and parsing
 * replies does not take turns on the server's event loop (the server stays on the main thread, where the benchmark
 * can read its event store's commit counter).
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { COUNTY_DEPARTMENTS, COUNTY_UNITS, OUT_OF_PROVINCE_HOSTS } from './office-plans';

export interface LoadOptions {
  port: number;
  /** Commands in the timed phase. */
  commands: number;
  /** Commands sent first and not timed (JIT, connection set-up). */
  warmup: number;
  concurrency: number;
  /** Keeps Idempotency-Keys of two phases or two runs apart. */
  runId: string;
  /** Bearer token of the clerk every client acts as (clerk.nanyang: the city and every unit below it). */
  token: string;
  requestTimeoutMs: number;
}

export type ToLoad = { kind: 'go' };

export interface LoadReport {
  commands: number;
  elapsedMs: number;
  /** Per-command latency in ms, in completion order. */
  latencies: Float64Array;
  byKind: Record<string, number>;
  /** Replies that were not 2xx, by status, with one sample body each. */
  failures: Record<string, { count: number; sample: string }>;
  /** 2xx replies that say the read models had not caught up in time. */
  lagging: number;
}

export type FromLoad =
  { kind: 'warmed' } | { kind: 'done'; report: LoadReport } | { kind: 'error'; message: string };

interface Reply {
  status: number;
  body: string;
}

type Kind = 'register' | 'abolition' | 'staff-placement' | 'closure';

interface PendingStep {
  officeId: string;
  kind: Exclude<Kind, 'register'>;
}

/** Every 4th office a client registers is carried on through abolition, staff placement and closure. */
const LIFECYCLE_EVERY = 4;

class Phase {
  private issued = 0;
  readonly latencies: number[] = [];
  readonly byKind: Record<string, number> = {};
  readonly failures: Record<string, { count: number; sample: string }> = {};
  lagging = 0;

  constructor(
    private readonly options: LoadOptions,
    private readonly agent: Agent,
    private readonly total: number,
    private readonly label: string,
  ) {}

  async run(): Promise<number> {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: this.options.concurrency }, (_value, client) => this.client(client)),
    );
    return performance.now() - started;
  }

  /** One sequential client: registers offices, and interleaves the follow-up steps of the ones it carries on. */
  private async client(client: number): Promise<void> {
    const pending: PendingStep[] = [];
    let registered = 0;
    let turn = 0;
    while (this.issued < this.total) {
      this.issued++;
      const seq = turn++;
      const key = `${this.options.runId}-${this.label}-${client}-${seq}`;
      const headers = { authorization: `Bearer ${this.options.token}`, 'idempotency-key': key };
      // Alternate: a step of an office already registered when one is due, otherwise a new registration.
      const step = seq % 2 === 1 ? pending.shift() : undefined;
      if (step) {
        const reply = await this.send(
          step.kind,
          'POST',
          `/offices/${step.officeId}/${path(step.kind)}`,
          headers,
          body(step),
        );
        if (reply.status === 200 && step.kind === 'abolition') {
          pending.unshift({ officeId: step.officeId, kind: 'staff-placement' });
        } else if (reply.status === 200 && step.kind === 'staff-placement') {
          pending.unshift({ officeId: step.officeId, kind: 'closure' });
        }
        continue;
      }
      const index = client * 1_000_000 + registered++;
      const carriedOn = index % LIFECYCLE_EVERY === 0;
      const reply = await this.send('register', 'POST', '/offices', headers, registration(index, carriedOn));
      if (reply.status === 201 && carriedOn) {
        const { officeId } = JSON.parse(reply.body) as { officeId: string };
        pending.push({ officeId, kind: 'abolition' });
      }
    }
  }

  private async send(
    kind: Kind,
    method: string,
    url: string,
    headers: Record<string, string>,
    payload: unknown,
  ): Promise<Reply> {
    const started = performance.now();
    const reply = await this.http(method, url, headers, payload);
    this.latencies.push(performance.now() - started);
    const ok = reply.status >= 200 && reply.status < 300;
    if (ok) {
      this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
      if (reply.body.includes('"readModelsLagging":true')) this.lagging++;
    } else {
      const entry = (this.failures[`${kind} ${reply.status}`] ??= {
        count: 0,
        sample: reply.body.slice(0, 300),
      });
      entry.count++;
    }
    return reply;
  }

  private http(
    method: string,
    url: string,
    headers: Record<string, string>,
    payload: unknown,
  ): Promise<Reply> {
    const text = payload === undefined ? undefined : JSON.stringify(payload);
    return new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.options.port,
          method,
          path: url,
          agent: this.agent,
          headers: {
            ...headers,
            ...(text !== undefined
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }
              : { 'content-length': 0 }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(this.options.requestTimeoutMs, () =>
        req.destroy(new Error(`${method} ${url}: no reply within ${this.options.requestTimeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(text);
    });
  }
}

function path(kind: PendingStep['kind']): string {
  return kind === 'abolition' ? 'abolition' : kind === 'staff-placement' ? 'staff-placements' : 'closure';
}

function body(step: PendingStep): unknown {
  switch (step.kind) {
    case 'abolition':
      return { decisionReference: '宛政〔2015〕93号', reason: '按方案三(一)撤销' };
    case 'staff-placement':
      return { staffId: 'staff-1', placement: 'returned-to-sponsor', destination: '派出单位机关' };
    case 'closure':
      return undefined;
  }
}

/**
 * Offices that are carried on to closure are county offices in Zhengzhou (三(一)-a, abolished at once); the others
 * vary sponsor, host city and paired assistance, so registrations exercise every disposition rule.
 */
function registration(index: number, carriedOn: boolean): unknown {
  const sponsorUnitId = carriedOn
    ? COUNTY_UNITS[index % COUNTY_UNITS.length]!
    : index % 3 === 0
      ? COUNTY_DEPARTMENTS[index % COUNTY_DEPARTMENTS.length]!
      : index % 7 === 0
        ? 'henan.nanyang'
        : COUNTY_UNITS[index % COUNTY_UNITS.length]!;
  const hostCityId =
    carriedOn || index % 2 === 0 ? 'zhengzhou' : OUT_OF_PROVINCE_HOSTS[index % OUT_OF_PROVINCE_HOSTS.length]!;
  return {
    name: `${sponsorUnitId} 驻 ${hostCityId} 办事处 ${index}`,
    sponsorUnitId,
    hostCityId,
    pairedAssistance: !carriedOn && index % 5 === 0,
    staff: [{ staffId: 'staff-1', name: '王建国' }],
    assets: carriedOn
      ? []
      : [{ assetId: 'bldg-1', kind: 'building', description: '办公用房 120 m²', bookValue: 1_200_000 }],
  };
}

async function main(): Promise<void> {
  const options = workerData as LoadOptions;
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    if (options.warmup > 0) await new Phase(options, agent, options.warmup, 'warmup').run();
    const go = new Promise<void>((resolve) => parentPort!.once('message', () => resolve()));
    parentPort!.postMessage({ kind: 'warmed' } satisfies FromLoad);
    await go;
    const phase = new Phase(options, agent, options.commands, 'measure');
    const elapsedMs = await phase.run();
    const latencies = Float64Array.from(phase.latencies);
    const report: LoadReport = {
      commands: phase.latencies.length,
      elapsedMs,
      latencies,
      byKind: phase.byKind,
      failures: phase.failures,
      lagging: phase.lagging,
    };
    parentPort!.postMessage({ kind: 'done', report } satisfies FromLoad, [latencies.buffer]);
  } finally {
    agent.destroy();
  }
}

if (parentPort) {
  main().catch((error: unknown) => {
    parentPort!.postMessage({
      kind: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies FromLoad);
  });
}
