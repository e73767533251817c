import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inboxStatements, type InboxView, type ReadStore, type SqliteDatabase } from '@liaison/projections';
import type {
  FromInboxLoad,
  InboxLoadOptions,
  InboxPhase,
  InboxPhaseReport,
  ToInboxLoad,
} from './inbox-load';
import { now } from './support';

// The inbox benchmark's instruments: the server-side timer, the HTTP client worker, the statements as Kysely compiles them.

/** Tasks in one page of the inbox, as the console asks for them. */
export const PAGE_SIZE = 50;

/** The list and the counts statements exactly as `queryInbox` builds them, compiled for the first page. */
export function compiledInbox(
  readStore: ReadStore,
  q: { groups: string[]; approver: string; view: InboxView; now: string },
) {
  const statements = inboxStatements(readStore.db, q);
  return {
    list: statements.list.limit(PAGE_SIZE).offset(0).compile(),
    counts: statements.counts.compile(),
  };
}

export function explain(db: SqliteDatabase, sql: string, params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map(
    (row) => row.detail,
  );
}

/**
 * Times each request inside the server: from the HTTP server's 'request' event (headers parsed; this listener runs
 * before Fastify's) to the reply's 'finish' (the last byte handed to the kernel).
 */
export class ServerTimer {
  private samples: number[] = [];

  constructor(server: Server) {
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
      const started = now();
      res.once('finish', () => this.samples.push(now() - started));
    });
  }

  reset(): void {
    this.samples = [];
  }

  /** The last `count` requests' times (the timed ones, after the warm-up). */
  last(count: number): Float64Array {
    if (this.samples.length < count)
      throw new Error(`the server saw ${this.samples.length} requests, not ${count}`);
    return Float64Array.from(this.samples.slice(-count));
  }
}

/** Runs phases on the client worker one at a time. */
export class LoadClient {
  private readonly worker: Worker;
  private failure: Error | undefined;

  constructor(options: InboxLoadOptions) {
    this.worker = new Worker(join(__dirname, 'inbox-load.js'), { workerData: options });
    this.worker.on('error', (error) => (this.failure = error));
  }

  run(phase: InboxPhase): Promise<InboxPhaseReport> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<InboxPhaseReport>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`HTTP client exited (${code}) during ${phase.id}`));
      this.worker.once('exit', onExit);
      this.worker.once('message', (message: FromInboxLoad) => {
        this.worker.off('exit', onExit);
        if (message.kind === 'done') resolve(message.report);
        else reject(new Error(`HTTP client failed: ${message.message}`));
      });
      this.worker.postMessage({ kind: 'run', phase } satisfies ToInboxLoad);
    });
  }

  async stop(): Promise<void> {
    this.worker.postMessage({ kind: 'stop' } satisfies ToInboxLoad);
    await this.worker.terminate();
  }
}
