import type { Transaction } from 'kysely';
import { REBUILD_LOCK, type CheckpointRow, type ReadDb } from './read-store';

export const READ_MODELS_CHECKPOINT = 'read-models';

/**
 * The guard every batch of the read models passes inside its transaction (the live projector's and a rebuild's):
 * the checkpoint moves from `expected` to `row` first — being a write, it makes SQLite take its write lock now, so
 * what follows reads the latest state and no other writer commits in between — and no rebuild but `lockOwner`'s may
 * hold the lock. Says why the batch must not apply, or undefined when it may.
 */
export async function guardBatch(
  trx: Transaction<ReadDb>,
  expected: CheckpointRow | undefined,
  row: CheckpointRow,
  lockOwner: string | undefined,
): Promise<'checkpoint-moved' | 'rebuild-running' | undefined> {
  const moved = expected
    ? await trx
        .updateTable('checkpoints')
        .set({ position: row.position, updated_at: row.updated_at })
        .where('name', '=', READ_MODELS_CHECKPOINT)
        .where('position', '=', expected.position)
        .where('updated_at', '=', expected.updated_at)
        .executeTakeFirst()
        .then((result) => result.numUpdatedRows)
    : await trx
        .insertInto('checkpoints')
        .values(row)
        .onConflict((c) => c.column('name').doNothing())
        .executeTakeFirst()
        .then((result) => result.numInsertedOrUpdatedRows ?? 0n);
  if (Number(moved) !== 1) return 'checkpoint-moved';
  const lock = await trx
    .selectFrom('checkpoints')
    .select('position')
    .where('name', '=', REBUILD_LOCK)
    .executeTakeFirst();
  return lock && lock.position !== lockOwner ? 'rebuild-running' : undefined;
}
