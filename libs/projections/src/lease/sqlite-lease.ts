import { hostname } from 'node:os';
import type { ReadStore } from '../read-store';
import type { LeaseTerm, ProjectionLease } from './lease-term';
import { sleep } from './sleep';

interface Settings {
  pollMs: number;
  ttlMs: number;
  holder: string;
}

/**
 * The lease on a SQLite read store (processes on one machine): a row naming the holder until an expiry that its
 * heartbeat, every poll interval, pushes forward. A standby takes it once it is released or expired.
 */
export class SqliteProjectionLease implements ProjectionLease {
  readonly holder: string;
  private held = false;
  private term?: { epoch: number; lost: AbortController; heartbeat: NodeJS.Timeout; expires: number };

  constructor(
    private readonly readStore: ReadStore,
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
      const term = await this.tryAcquire().catch(() => undefined);
      if (term) return term;
      await sleep(this.settings.pollMs, signal);
    }
  }

  private async tryAcquire(): Promise<LeaseTerm | undefined> {
    const now = Date.now();
    const since = new Date(now).toISOString();
    const dead = await this.deadLocalHolder();
    const row = await this.readStore.db
      .updateTable('projection_lease')
      .set((eb) => ({
        epoch: eb('epoch', '+', 1),
        holder: this.holder,
        since,
        expires_at: new Date(now + this.settings.ttlMs).toISOString(),
        backend_pid: process.pid,
        host: hostname(),
      }))
      .where('id', '=', 1)
      .where((eb) =>
        eb.or([
          eb('holder', 'is', null),
          eb('expires_at', '<', since),
          eb('holder', '=', this.holder),
          ...(dead === undefined ? [] : [eb('epoch', '=', dead)]),
        ]),
      )
      .returning('epoch')
      .executeTakeFirst();
    if (!row) return undefined;
    const epoch = Number(row.epoch);
    const lost = new AbortController();
    const heartbeat = setInterval(() => void this.renew(), this.settings.pollMs);
    heartbeat.unref();
    this.held = true;
    this.term = { epoch, lost, heartbeat, expires: now + this.settings.ttlMs };
    return { epoch, since, lost: lost.signal };
  }

  /**
   * The epoch of a holder that ran on this host and whose process is gone (killed, crashed): a restart takes its
   * lease over at once instead of waiting for it to expire.
   */
  private async deadLocalHolder(): Promise<number | undefined> {
    const row = await this.readStore.db
      .selectFrom('projection_lease')
      .select(['epoch', 'holder', 'host', 'backend_pid'])
      .where('id', '=', 1)
      .executeTakeFirst();
    if (
      !row?.holder ||
      row.host !== hostname() ||
      row.backend_pid === null ||
      row.backend_pid === process.pid
    ) {
      return undefined;
    }
    try {
      process.kill(row.backend_pid, 0);
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH' ? Number(row.epoch) : undefined;
    }
  }

  /** Pushes the expiry forward while the epoch is still this holder's; gives up once it is not, or has expired. */
  private async renew(): Promise<void> {
    const term = this.term;
    if (!term) return;
    const now = Date.now();
    const renewed = await this.readStore.db
      .updateTable('projection_lease')
      .set({ expires_at: new Date(now + this.settings.ttlMs).toISOString() })
      .where('id', '=', 1)
      .where('epoch', '=', term.epoch)
      .executeTakeFirst()
      .then((result) => Number(result.numUpdatedRows) === 1)
      .catch(() => undefined);
    if (this.term !== term) return;
    if (renewed) term.expires = now + this.settings.ttlMs;
    // Not renewed: another holder took over. Not answered (busy, closed): kept only until it would have expired.
    if (renewed === false || (renewed === undefined && now >= term.expires)) this.drop();
  }

  private drop(): { epoch: number } | undefined {
    const term = this.term;
    if (!term) return undefined;
    this.term = undefined;
    clearInterval(term.heartbeat);
    term.lost.abort();
    return term;
  }

  async release(): Promise<void> {
    const term = this.drop();
    if (!term) return;
    await this.readStore.db
      .updateTable('projection_lease')
      .set({ holder: null, expires_at: null })
      .where('id', '=', 1)
      .where('epoch', '=', term.epoch)
      .execute()
      .catch(() => undefined);
  }
}
