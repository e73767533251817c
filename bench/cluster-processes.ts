import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * Several API and worker processes of the built service behind HAProxy on loopback ports, as a deployment on more
 * than one machine would run them: what the cluster test and the cluster benchmark drive. Every process is the
 * real `dist/` entry point with its own environment; kill -9 and restart act on one of them.
 */

function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

const DIST = join(repositoryRoot(), 'dist', 'apps');
export const API_ENTRY = join(DIST, 'api', 'src', 'main.js');
export const WORKER_ENTRY = join(DIST, 'worker', 'src', 'main.js');
export const CLI_ENTRY = join(DIST, 'cli', 'src', 'main.js');
export const HAPROXY = process.env.HAPROXY ?? '/usr/sbin/haproxy';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** One child process, with the tail of what it wrote kept for the error message when something fails. */
export class Proc {
  readonly exited: Promise<number | null>;
  private output = '';

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-200_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // Captured at spawn: a listener attached after the exit would never fire.
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What it wrote to stdout and stderr, the last 200 KB. */
  log(): string {
    return this.output;
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.running) this.child.kill(signal);
    await this.exited;
  }
}

export function spawnNode(name: string, entry: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Proc(name, child);
}

/** Polls `url` until it answers 2xx; fails with the process's output when it ends first or `ms` pass. */
export async function waitUntilUp(proc: Proc, url: string, ms = 180_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && proc.running) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await proc.kill('SIGKILL');
  throw new Error(`${proc.name} did not come up on ${url}:\n${proc.log().slice(-4000)}`);
}

/**
 * HAProxy in front of the APIs: round robin, a health check every second, and a request whose connection was
 * refused (its server just died) sent to the other server. A request already sent to a server that dies is not
 * retried by the balancer: the client sees a 502 and resends it with the same Idempotency-Key.
 */
export function haproxyConfig(port: number, backends: number[]): string {
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 120s',
    '  timeout server 120s',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure',
    'frontend cluster',
    `  bind 127.0.0.1:${port}`,
    '  default_backend apis',
    'backend apis',
    '  balance roundrobin',
    '  option httpchk GET /health',
    // Tolerant checks: an instance slow to answer on a loaded machine is not dead, and marking both down would
    // answer 503 to everything; a dead one refuses connections, and those requests go to the other at once.
    '  timeout check 5s',
    '  default-server inter 1s fall 3 rise 1',
    ...backends.map((backend, i) => `  server api${i + 1} 127.0.0.1:${backend} check`),
    '',
  ].join('\n');
}

export interface ClusterOptions {
  /** The environment every API and worker shares: stores, Redis and queue prefix, deadlines. */
  env: Record<string, string>;
  apis: number;
  workers: number;
  /** A folder for HAProxy's configuration. */
  dir: string;
}

/** N APIs and M workers of the built service behind one HAProxy; `url` is the balancer's. */
export class Cluster {
  readonly apis: (Proc | undefined)[] = [];
  readonly workers: (Proc | undefined)[] = [];
  private balancer?: Proc;
  private apiPorts: number[] = [];
  private metricsPorts: number[] = [];
  private lbPort = 0;

  constructor(private readonly options: ClusterOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.lbPort}`;
  }

  apiUrl(index: number): string {
    return `http://127.0.0.1:${this.apiPorts[index]}`;
  }

  get balancerProc(): Proc | undefined {
    return this.balancer;
  }

  /** The worker's own HTTP server (metrics and health). */
  workerUrl(index: number): string {
    return `http://127.0.0.1:${this.metricsPorts[index]}`;
  }

  async start(): Promise<void> {
    for (let i = 0; i < this.options.apis; i++) this.apiPorts.push(await freePort());
    for (let i = 0; i < this.options.workers; i++) this.metricsPorts.push(await freePort());
    this.lbPort = await freePort();
    // A worker first: it creates the read models' tables, and the APIs' commands wait for the read models it
    // feeds. Then everything else at once; only the first API writes the demo data (SEED_DEMO).
    if (this.options.workers > 0) await this.startWorker(0);
    await Promise.all([
      ...this.apiPorts.map((_, i) => this.startApi(i)),
      ...this.metricsPorts.slice(1).map((_, i) => this.startWorker(i + 1)),
    ]);
    const config = join(this.options.dir, `haproxy-${this.lbPort}.cfg`);
    writeFileSync(config, haproxyConfig(this.lbPort, this.apiPorts));
    const balancer = new Proc(
      'haproxy',
      spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    this.balancer = balancer;
    await waitUntilUp(balancer, `${this.url}/health`, 20_000);
  }

  async startApi(index: number): Promise<void> {
    const proc = spawnNode(`api ${index + 1}`, API_ENTRY, {
      ...this.options.env,
      // The demo data once, by the first API's first start: the others would only find it there.
      SEED_DEMO:
        index === 0 && this.apis[0] === undefined ? (this.options.env.SEED_DEMO ?? 'false') : 'false',
      PORT: String(this.apiPorts[index]),
    });
    this.apis[index] = proc;
    await waitUntilUp(proc, `${this.apiUrl(index)}/health`);
  }

  async startWorker(index: number): Promise<void> {
    const proc = spawnNode(`worker ${index + 1}`, WORKER_ENTRY, {
      ...this.options.env,
      METRICS_PORT: String(this.metricsPorts[index]),
    });
    this.workers[index] = proc;
    await waitUntilUp(proc, `${this.workerUrl(index)}/health/live`);
  }

  /** Every process, SIGTERM (a graceful stop; SIGKILL after `graceMs`), the balancer last. */
  async stop(graceMs = 20_000): Promise<void> {
    const stop = async (proc: Proc | undefined) => {
      if (!proc) return;
      const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
      await proc.kill('SIGTERM');
      clearTimeout(timer);
    };
    await Promise.all([...this.apis, ...this.workers].map(stop));
    await stop(this.balancer);
  }

  /** The output of every process, for a failure message. */
  logs(): string {
    return [...this.apis, ...this.workers, this.balancer]
      .filter((proc): proc is Proc => proc !== undefined)
      .map((proc) => `--- ${proc.name}\n${proc.log().slice(-3000)}`)
      .join('\n');
  }
}
