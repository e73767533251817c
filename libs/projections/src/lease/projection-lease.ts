import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { ReadStore } from '../read-store';
import { PostgresProjectionLease } from './postgres-lease';
import { SqliteProjectionLease } from './sqlite-lease';
import type { ProjectionLease } from './lease-term';

export type { LeaseTerm, ProjectionLease } from './lease-term';

export interface ProjectionLeaseOptions {
  /** How often a standby tries to take the lease, and the holder checks it still has it, in ms. Default 1000. */
  pollMs?: number;
  /** SQLite: how long a holder keeps the lease without a heartbeat, in ms. Default 5000. */
  ttlMs?: number;
  /** This process's name as a holder; by default its process id, host and a token of its own. */
  holder?: string;
}

export function leaseHolderName(): string {
  return `pid ${process.pid} on ${hostname()} (${randomUUID().slice(0, 8)})`;
}

export function openProjectionLease(
  readStore: ReadStore,
  options: ProjectionLeaseOptions = {},
): ProjectionLease {
  const settings = {
    pollMs: options.pollMs ?? 1000,
    ttlMs: options.ttlMs ?? 5000,
    holder: options.holder ?? leaseHolderName(),
  };
  if (readStore.kind === 'postgres') {
    if (!readStore.connection)
      throw new Error('a PostgreSQL read store opened without its connection settings');
    return new PostgresProjectionLease(readStore.connection, settings);
  }
  return new SqliteProjectionLease(readStore, settings);
}

export interface LeaseState {
  /** Who took the lease last (null once released or never taken). */
  holder: string | null;
  since: string | null;
  /** Hand-overs so far: each new holder adds one. */
  epoch: number;
  /** Whether that holder still has it (PostgreSQL: its lock connection is alive; SQLite: its heartbeat is recent). */
  live: boolean;
}

/** The lease as the read store has it, for /health and operators. */
export async function readProjectionLease(readStore: ReadStore, now = new Date()): Promise<LeaseState> {
  const row = await readStore.db
    .selectFrom('projection_lease')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) return { holder: null, since: null, epoch: 0, live: false };
  let live = false;
  if (row.holder !== null) {
    if (readStore.kind === 'postgres') {
      const { rows } = await sql<{ held: boolean }>`SELECT EXISTS (
          SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = ${row.backend_pid}
        ) AS held`.execute(readStore.db);
      live = rows[0]?.held === true;
    } else live = row.expires_at !== null && row.expires_at > now.toISOString();
  }
  return { holder: row.holder, since: row.since, epoch: Number(row.epoch), live };
}
