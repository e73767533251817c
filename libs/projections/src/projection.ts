import type { RecordedEvent } from '@liaison/event-store';
import type { Transaction } from 'kysely';
import type { ReadDb, ReadStore } from './read-store';

/**
 * A read model fed in batches: every batch is applied in the same transaction as the checkpoint. Each read model
 * declares `trx` as a transaction over its own tables only, so the compiler keeps it from reading another's.
 */
export interface Projection {
  name: string;
  applyBatch(trx: Transaction<ReadDb>, events: readonly RecordedEvent[], store: ReadStore): Promise<void>;
  /** The batch's transaction committed: what it wrote is now the stored state. */
  committed?(): void;
  /** Forget anything remembered about stored rows (the batch rolled back, or the tables were emptied). */
  invalidate?(): void;
}

/** How many ids go into one `IN (…)` list: well under SQLite's bound-parameter limit. */
export const IDS_PER_SELECT = 900;

/** `items` in slices of at most `size`. */
export function* chunks<T>(items: readonly T[], size = IDS_PER_SELECT): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
