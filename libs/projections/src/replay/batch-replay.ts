import {
  comparePositions,
  formatPosition,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@liaison/event-store';
import type { Projection } from '../projection';
import { guardBatch, READ_MODELS_CHECKPOINT } from '../batch-guard';
import type { CheckpointRow, ReadStore } from '../read-store';
import { LogReader } from './log-reader';

export interface BatchReplayOptions {
  /** Most events applied in one transaction. */
  maxBatch: number;
  /** The rebuild lock this replay runs under: a batch applies only while this owner holds it. */
  lockOwner?: string;
  onBatch?: (info: { events: number; position: Position }) => void;
}

/** Another writer moved the checkpoint, or a rebuild other than this one holds the lock: nothing was applied. */
export class ReplaySuperseded extends Error {}

/**
 * A rebuild's replay, from the stored checkpoint up to `head`: the log read a page ahead of the batch being
 * applied, in large batches, each in one transaction with its checkpoint and with the same guard as a live
 * projector's batch (the checkpoint as this replay left it, and no other rebuild's lock). No subscription: the head
 * is known, so there is nothing to wait for. Throws ReplaySuperseded, having applied nothing more, when another
 * writer got in between; the caller goes on from there like a live projector would.
 */
export async function replayBatches(
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection[],
  head: Position,
  options: BatchReplayOptions,
): Promise<{ events: number }> {
  let stored = await checkpointRow(readStore);
  let events = 0;
  const reader = new LogReader(store, stored?.position, head, options.maxBatch);
  try {
    for (let batch = await reader.next(); batch.length > 0; batch = await reader.next()) {
      const row = await applyGuarded(readStore, projections, batch, stored, options.lockOwner);
      stored = row;
      events += batch.length;
      const position = batch[batch.length - 1]!.position;
      options.onBatch?.({ events: batch.length, position });
      if (comparePositions(position, head) >= 0) break;
    }
  } finally {
    reader.close();
  }
  return { events };
}

async function applyGuarded(
  readStore: ReadStore,
  projections: readonly Projection[],
  batch: readonly RecordedEvent[],
  expected: CheckpointRow | undefined,
  lockOwner: string | undefined,
): Promise<CheckpointRow> {
  const row: CheckpointRow = {
    name: READ_MODELS_CHECKPOINT,
    position: formatPosition(batch[batch.length - 1]!.position),
    updated_at: new Date().toISOString(),
  };
  try {
    await readStore.db.transaction().execute(async (trx) => {
      // As a live projector's batch (projector.ts).
      const refused = await guardBatch(trx, expected, row, lockOwner);
      if (refused === 'checkpoint-moved') throw new ReplaySuperseded('the checkpoint moved');
      if (refused === 'rebuild-running') throw new ReplaySuperseded('another rebuild holds the lock');
      for (const projection of projections) await projection.applyBatch(trx, batch, readStore);
    });
  } catch (error) {
    for (const projection of projections) projection.invalidate?.();
    throw error;
  }
  for (const projection of projections) projection.committed?.();
  return row;
}

async function checkpointRow(readStore: ReadStore): Promise<CheckpointRow | undefined> {
  return readStore.db
    .selectFrom('checkpoints')
    .selectAll()
    .where('name', '=', READ_MODELS_CHECKPOINT)
    .executeTakeFirst();
}
