import {
  comparePositions,
  formatPosition,
  parsePosition,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '../../event-store/src';
import type { Projection } from './office-projection';
import type { ReadStore } from './read-store';

export const READ_MODELS_CHECKPOINT = 'read-models';

export interface ProjectorOptions {
  /** Most events applied in one transaction. */
  maxBatch?: number;
  /** Called after each committed batch (progress bars, metrics). */
  onBatch?: (info: { events: number; position: Position }) => void;
  onError?: (error: unknown) => void;
}

interface Waiter {
  position: Position;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const NOT_READY = Symbol('not-ready');

/**
 * Feeds the read models from an ordered subscription to the whole log. Each batch and the checkpoint it reaches
 * are written in one read-store transaction, so a crash replays at most an uncommitted batch and never skips one.
 */
export class Projector {
  private readonly maxBatch: number;
  private abort?: AbortController;
  private running?: Promise<void>;
  private position?: Position;
  private waiters: Waiter[] = [];
  private failure?: unknown;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 5000;
  }

  /** The position the read models reflect, or undefined before the first event. */
  get checkpoint(): Position | undefined {
    return this.position;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.position = await readCheckpoint(this.readStore);
    // Whatever was remembered may predate a rebuild or another writer: start from the stored state.
    for (const projection of this.projections) projection.invalidate?.();
    this.failure = undefined;
    this.abort = new AbortController();
    this.running = this.run(this.abort.signal).catch((error: unknown) => {
      if (this.abort?.signal.aborted) return;
      this.failure = error;
      this.options.onError?.(error);
      for (const waiter of this.waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`read models stopped: ${String(error)}`));
      }
    });
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    this.running = undefined;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('read models stopped'));
    }
  }

  /** Resolves once the read models reflect `position` (read-your-writes after a command). */
  waitFor(position: Position, timeoutMs = 5000): Promise<void> {
    if (this.position && comparePositions(this.position, position) >= 0) return Promise.resolve();
    if (this.failure) return Promise.reject(new Error(`read models stopped: ${String(this.failure)}`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`read models did not reach ${formatPosition(position)} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private async run(signal: AbortSignal): Promise<void> {
    // Ended by stop() or by a failed batch: a generator's return() waits for the next() still pending, which a live
    // subscription settles only on a new event or an abort, so a failure must abort the subscription itself.
    const ended = new AbortController();
    const events = this.store.subscribeToAll({
      after: this.position,
      signal: AbortSignal.any([signal, ended.signal]),
    });
    const subscription = events[Symbol.asyncIterator]();
    try {
      let pending = subscription.next();
      for (;;) {
        const first = await pending;
        if (first.done || signal.aborted) return;
        const batch: RecordedEvent[] = [first.value];
        pending = subscription.next();
        // Take what the subscription already has without waiting for more: a macrotask tick marks "nothing ready".
        const tick = new Promise<typeof NOT_READY>((resolve) => setImmediate(() => resolve(NOT_READY)));
        while (batch.length < this.maxBatch) {
          const next = await Promise.race([pending, tick]);
          if (next === NOT_READY || next.done) break;
          batch.push(next.value);
          pending = subscription.next();
        }
        await this.applyBatch(batch);
      }
    } finally {
      ended.abort();
      await subscription.return?.(undefined);
    }
  }

  private async applyBatch(batch: RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1]!.position;
    try {
      await this.applyInTransaction(batch, last);
    } catch (error) {
      for (const projection of this.projections) projection.invalidate?.();
      throw error;
    }
    for (const projection of this.projections) projection.committed?.();
    this.position = last;
    this.options.onBatch?.({ events: batch.length, position: last });
    if (this.waiters.length > 0) {
      const still: Waiter[] = [];
      for (const waiter of this.waiters) {
        if (comparePositions(last, waiter.position) >= 0) {
          clearTimeout(waiter.timer);
          waiter.resolve();
        } else still.push(waiter);
      }
      this.waiters = still;
    }
  }

  private async applyInTransaction(batch: RecordedEvent[], last: Position): Promise<void> {
    await this.readStore.db.transaction().execute(async (trx) => {
      for (const projection of this.projections) await projection.applyBatch(trx, batch, this.readStore);
      const row = {
        name: READ_MODELS_CHECKPOINT,
        position: formatPosition(last),
        updated_at: new Date().toISOString(),
      };
      await trx
        .insertInto('checkpoints')
        .values(row)
        .onConflict((c) =>
          c.column('name').doUpdateSet({ position: row.position, updated_at: row.updated_at }),
        )
        .execute();
    });
  }
}

export async function readCheckpoint(readStore: ReadStore): Promise<Position | undefined> {
  const row = await readStore.db
    .selectFrom('checkpoints')
    .select('position')
    .where('name', '=', READ_MODELS_CHECKPOINT)
    .executeTakeFirst();
  return row ? parsePosition(row.position) : undefined;
}
