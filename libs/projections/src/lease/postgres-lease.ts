import { hostname } from 'node:os';
import { Client } from 'pg';
import type { LeaseTerm, ProjectionLease } from './lease-term';
import { sleep } from './sleep';

interface Settings {
  pollMs: number;
  holder: string;
}

export interface PostgresConnection {
  connectionString: string;
  schema?: string;
}

/**
 * Keep-alives on the lock connection, so that the server drops the lock of a holder whose machine vanished (no
 * FIN, no RST) within about 20 s rather than the system's default two hours.
 */
const KEEPALIVES = '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=2';

/**
 * The lease on a PostgreSQL read store: a session-level advisory lock, keyed by the read store's schema, held on a
 * connection of its own. The server drops it when that connection ends, a process killed with -9 included, and a
 * standby takes it at its next try. The holder checks its connection every poll interval and, when it fails,
 * knows the lease is lost; its batches are fenced by the epoch meanwhile.
 */
export class PostgresProjectionLease implements ProjectionLease {
  readonly holder: string;
  private held = false;
  private client?: Client;
  private term?: { epoch: number; lost: AbortController; heartbeat: NodeJS.Timeout };

  constructor(
    private readonly connection: PostgresConnection,
    private readonly settings: Settings,
  ) {
    this.holder = settings.holder;
  }

  async acquire(signal: AbortSignal): Promise<LeaseTerm | undefined> {
    // A holder that has just lost or given up the lease steps back one interval, so a standby that waited gets it.
    if (this.held) await sleep(this.settings.pollMs, signal);
    this.held = false;
    for (;;) {
      if (signal.aborted) return undefined;
      const term = await this.tryAcquire().catch(() => {
        this.disconnect();
        return undefined;
      });
      if (term) return term;
      await sleep(this.settings.pollMs, signal);
    }
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    const schema = this.connection.schema;
    const client = new Client({
      connectionString: this.connection.connectionString,
      options: `${schema ? `-c search_path=${schema} ` : ''}${KEEPALIVES}`,
      keepAlive: true,
    });
    // A terminated connection emits 'error' when idle: the lease it held is gone.
    client.on('error', () => this.lose(client));
    client.on('end', () => this.lose(client));
    this.client = client;
    await client.connect();
    return client;
  }

  private async tryAcquire(): Promise<LeaseTerm | undefined> {
    const client = await this.connect();
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext('liaison.projection-lease:' || current_schema())) AS locked`,
    );
    if (rows[0]?.locked !== true) return undefined;
    const since = new Date().toISOString();
    const taken = await client.query<{ epoch: number }>(
      `UPDATE projection_lease SET epoch = epoch + 1, holder = $1, since = $2, expires_at = NULL,
         backend_pid = pg_backend_pid(), host = $3 WHERE id = 1 RETURNING epoch`,
      [this.holder, since, hostname()],
    );
    const epoch = Number(taken.rows[0]!.epoch);
    const lost = new AbortController();
    const heartbeat = setInterval(() => {
      client.query('SELECT 1').catch(() => this.lose(client));
    }, this.settings.pollMs);
    heartbeat.unref();
    this.held = true;
    this.term = { epoch, lost, heartbeat };
    return { epoch, since, lost: lost.signal };
  }

  /** The lock connection failed: whatever lease it held is gone. */
  private lose(client: Client): void {
    if (this.client !== client) return;
    this.endTerm();
    this.disconnect();
  }

  private endTerm(): void {
    const term = this.term;
    this.term = undefined;
    if (!term) return;
    clearInterval(term.heartbeat);
    term.lost.abort();
  }

  private disconnect(): void {
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => undefined);
  }

  async release(): Promise<void> {
    const client = this.client;
    const held = this.term;
    this.endTerm();
    this.client = undefined;
    if (!client) return;
    if (held) {
      await client
        .query('UPDATE projection_lease SET holder = NULL, backend_pid = NULL WHERE id = 1 AND epoch = $1', [
          held.epoch,
        ])
        .catch(() => undefined);
    }
    // Ending the session drops the advisory lock with it.
    await client.end().catch(() => undefined);
  }
}
