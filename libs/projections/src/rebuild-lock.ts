import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { REBUILD_LOCK, type ReadStore } from './read-store';

export interface RebuildLock {
  /** When the rebuild began (ISO-8601). */
  since: string;
  /** Who runs it: process id, host and a token of its own. */
  by: string;
}

export class ReadModelsLockedError extends Error {
  constructor(readonly lock: RebuildLock) {
    super(
      `the read models are already being rebuilt (by ${lock.by} since ${lock.since}); ` +
        'if that rebuild is no longer running, rebuild --force takes its lock over',
    );
    this.name = 'ReadModelsLockedError';
  }
}

/** A name for a new lock owner, unique to one rebuild. */
export function rebuildLockOwner(): string {
  return `pid ${process.pid} on ${hostname()} (${randomUUID().slice(0, 8)})`;
}

/** The rebuild in progress, if any: for /health and for operators. */
export async function readModelsRebuilding(readStore: ReadStore): Promise<RebuildLock | undefined> {
  const row = await readStore.db
    .selectFrom('checkpoints')
    .select(['position', 'updated_at'])
    .where('name', '=', REBUILD_LOCK)
    .executeTakeFirst();
  return row ? { since: row.updated_at, by: row.position } : undefined;
}

/**
 * Takes the lock for `owner`. Fails with ReadModelsLockedError when another owner holds it, unless `force`, which
 * takes it over (for a lock left by a rebuild that died) and returns the lock it replaced.
 */
export async function acquireRebuildLock(
  readStore: ReadStore,
  owner: string,
  options: { force?: boolean } = {},
): Promise<{ replaced?: RebuildLock }> {
  const row = { name: REBUILD_LOCK, position: owner, updated_at: new Date().toISOString() };
  if (options.force) {
    const replaced = await readModelsRebuilding(readStore);
    await readStore.db
      .insertInto('checkpoints')
      .values(row)
      .onConflict((c) => c.column('name').doUpdateSet({ position: row.position, updated_at: row.updated_at }))
      .execute();
    return replaced && replaced.by !== owner ? { replaced } : {};
  }
  const inserted = await readStore.db
    .insertInto('checkpoints')
    .values(row)
    .onConflict((c) => c.column('name').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return {};
  const held = await readModelsRebuilding(readStore);
  if (!held) return acquireRebuildLock(readStore, owner, options); // released in between: try again
  if (held.by === owner) return {};
  throw new ReadModelsLockedError(held);
}

/** Removes the lock if `owner` still holds it (not if another rebuild took it over); true if it did. */
export async function releaseRebuildLock(readStore: ReadStore, owner: string): Promise<boolean> {
  const deleted = await readStore.db
    .deleteFrom('checkpoints')
    .where('name', '=', REBUILD_LOCK)
    .where('position', '=', owner)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}
