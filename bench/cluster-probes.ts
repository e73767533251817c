import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';

/** What the cluster test and benchmark read from PostgreSQL and /proc while the processes run. */

/** The log's last position (0 when empty). */
export async function logHead(pool: Pool, schema: string): Promise<number> {
  const { rows } = await pool.query(
    `SELECT coalesce(max(position), 0)::bigint AS head FROM ${schema}.events`,
  );
  return Number(rows[0].head);
}

/** The position the read models have reached (the commit part of their checkpoint; 0 before the first batch). */
export async function readModelsAt(pool: Pool, schema: string): Promise<number> {
  const { rows } = await pool.query(`SELECT position FROM ${schema}.checkpoints WHERE name = 'read-models'`);
  return rows[0] ? Number(String(rows[0].position).split('/')[0]) : 0;
}

export interface LeaseState {
  epoch: number;
  holder: string | null;
}

/** The projection lease's row, or undefined where the read store has none (a service without the lease). */
export async function leaseState(pool: Pool, schema: string): Promise<LeaseState | undefined> {
  const { rows: exists } = await pool.query(`SELECT to_regclass($1) AS t`, [`${schema}.projection_lease`]);
  if (!exists[0].t) return undefined;
  const { rows } = await pool.query(`SELECT epoch, holder FROM ${schema}.projection_lease WHERE id = 1`);
  return rows[0] ? { epoch: Number(rows[0].epoch), holder: rows[0].holder } : undefined;
}

/** Whether the holder is the process `pid` (holders are named `pid <pid> on <host> (<token>)`). */
export function heldBy(state: LeaseState | undefined, pid: number | undefined): boolean {
  return !!state?.holder && pid !== undefined && state.holder.startsWith(`pid ${pid} `);
}

/**
 * Milliseconds from `since` until the read models move past `from` again, and (with a lease) another process
 * holds it at a higher epoch than `epoch`: how long the read models stood still after their feeder died.
 */
export async function handOver(
  pool: Pool,
  schema: string,
  since: number,
  before: { at: number; lease?: LeaseState },
  ms = 60_000,
): Promise<number> {
  const until = Date.now() + ms;
  for (;;) {
    const [at, lease] = await Promise.all([readModelsAt(pool, schema), leaseState(pool, schema)]);
    const moved = at > before.at;
    const leased = !before.lease || (!!lease && lease.epoch > before.lease.epoch && !!lease.holder);
    if (moved && leased) return performance.now() - since;
    if (Date.now() > until) throw new Error(`the read models did not move on within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** CPU time (user + system) a process has used so far, in ms; 0 once it is gone. */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;

/**
 * Projection lag while it runs: every 20 ms, the events the read models took in since the last look, each from the
 * instant it was recorded to now. `stop()` ends it and gives the lags in ms.
 */
export function sampleLag(pool: Pool, events: string, readModels: string): { stop(): Promise<number[]> } {
  const lags: number[] = [];
  let running = true;
  const loop = (async () => {
    let seen = await readModelsAt(pool, readModels);
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const at = await readModelsAt(pool, readModels);
      if (at <= seen) continue;
      const { rows } = await pool.query(
        `SELECT recorded_at FROM ${events}.events WHERE position > $1 AND position <= $2`,
        [seen, at],
      );
      const now = Date.now();
      for (const row of rows) lags.push(now - new Date(row.recorded_at).getTime());
      seen = at;
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return lags;
    },
  };
}
