/**
 * HTTP client of the inbox benchmark, in a worker thread: one request at a time over one keep-alive connection,
 * timed from sending the request to the last byte of the reply. Every reply is checked after its time is taken.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface InboxLoadOptions {
  port: number;
  requestTimeoutMs: number;
}

export interface InboxPhase {
  id: string;
  path: string;
  /** Bearer token of the signed-in approver. */
  token: string;
  warmup: number;
  requests: number;
  /** What every reply must say; absent for a route whose reply is not an inbox (only a 200 is checked). */
  expect?: { total: number; counts: Record<string, number>; taskIds: string[] };
}

export type ToInboxLoad = { kind: 'run'; phase: InboxPhase } | { kind: 'stop' };

export interface InboxPhaseReport {
  id: string;
  /** Latency of each timed request, ms, in order. */
  latencies: Float64Array;
  /** Size of one reply body. */
  bytes: number;
  /** Replies that were wrong, by what was wrong, with a sample. */
  failures: Record<string, { count: number; sample: string }>;
}

export type FromInboxLoad = { kind: 'done'; report: InboxPhaseReport } | { kind: 'error'; message: string };

interface Reply {
  status: number;
  body: string;
}

function get(agent: Agent, options: InboxLoadOptions, path: string, token: string): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port,
        method: 'GET',
        path,
        agent,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
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
    req.setTimeout(options.requestTimeoutMs, () =>
      req.destroy(new Error(`GET ${path}: no reply within ${options.requestTimeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end();
  });
}

/** What is wrong with a reply, or undefined. */
function check(reply: Reply, expect: InboxPhase['expect']): string | undefined {
  if (reply.status !== 200) return `status ${reply.status}`;
  if (!expect) return undefined;
  const body = JSON.parse(reply.body) as {
    total: number;
    counts: Record<string, number>;
    items: { taskId: string }[];
  };
  if (body.total !== expect.total) return 'total';
  for (const [view, count] of Object.entries(expect.counts)) {
    if (body.counts[view] !== count) return `counts.${view}`;
  }
  if (body.items.length !== expect.taskIds.length) return 'number of items';
  if (body.items.some((item, i) => item.taskId !== expect.taskIds[i])) return 'items';
  return undefined;
}

async function runPhase(
  agent: Agent,
  options: InboxLoadOptions,
  phase: InboxPhase,
): Promise<InboxPhaseReport> {
  const latencies = new Float64Array(phase.requests);
  const failures: InboxPhaseReport['failures'] = {};
  let bytes = 0;
  for (let i = -phase.warmup; i < phase.requests; i++) {
    const started = performance.now();
    const reply = await get(agent, options, phase.path, phase.token);
    const elapsed = performance.now() - started;
    if (i >= 0) latencies[i] = elapsed;
    bytes = Buffer.byteLength(reply.body);
    const wrong = check(reply, phase.expect);
    if (wrong) {
      const entry = (failures[wrong] ??= { count: 0, sample: reply.body.slice(0, 300) });
      entry.count++;
    }
  }
  return { id: phase.id, latencies, bytes, failures };
}

function main(): void {
  const options = workerData as InboxLoadOptions;
  // One socket: requests go one after another over the same kept-alive connection.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  parentPort!.on('message', (message: ToInboxLoad) => {
    if (message.kind === 'stop') {
      agent.destroy();
      parentPort!.close();
      return;
    }
    runPhase(agent, options, message.phase).then(
      (report) =>
        parentPort!.postMessage({ kind: 'done', report } satisfies FromInboxLoad, [
          report.latencies.buffer as ArrayBuffer,
        ]),
      (error: unknown) =>
        parentPort!.postMessage({
          kind: 'error',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies FromInboxLoad),
    );
  });
}

if (parentPort) main();
