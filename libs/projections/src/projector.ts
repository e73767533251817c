import {
  comparePositions,
  formatPosition,
  parsePosition,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@liaison/event-store';
import { leaseStillHeld } from './lease/lease-schema';
import type { LeaseTerm, ProjectionLease } from './lease/lease-term';
import { sleep } from './lease/sleep';
import type { Projection } from './projection';
import type { CheckpointRow, ReadStore } from './read-store';
import { readModelsRebuilding } from './rebuild-lock';
import { guardBatch, READ_MODELS_CHECKPOINT } from './batch-guard';

export { READ_MODELS_CHECKPOINT } from './batch-guard';

export interface ProjectorOptions {
  /** Most events applied in one transaction. */
  maxBatch?: number;
  /** Called after each committed batch (progress bars, metrics). */
  onBatch?: (info: { events: number; position: Position }) => void;
  onError?: (error: unknown) => void;
  /**
   * The rebuild-lock owner this projector works for: a rebuild's own projector applies while its owner holds the
   * lock. Every other projector applies nothing while a rebuild holds it (see rebuild-lock.ts).
   */
  lockOwner?: string;
  /** How often a projector standing aside for a rebuild looks whether it is over, in ms. Default 250. */
  lockPollMs?: number;
  /** Called when the projector starts again from the stored checkpoint after a rebuild (or another writer). */
  onResume?: (position: Position | undefined) => void;
  /**
   * Where several processes may run projections: the projector applies only while it holds this lease, and each
   * batch checks its epoch. Meanwhile it follows the checkpoint the holder commits, for `waitFor`.
   */
  lease?: ProjectionLease;
  /** Called when this projector takes the lease (`epoch`) or loses it (undefined). */
  onLease?: (term: { epoch: number; since: string } | undefined) => void;
  /** How often a projector without the lease reads the stored checkpoint while someone waits, in ms. Default 10. */
  followMs?: number;
}

interface Waiter {
  position: Position;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const NOT_READY = Symbol('not-ready');

/** The batch was not applied: a rebuild holds the lock, or something other than this projector moved the checkpoint. */
class Superseded extends Error {}

/** The batch was not applied: another process took the projection lease. */
class LeaseLost extends Error {}

type FollowEnd = 'stopped' | 'superseded' | 'lease-lost';

/**
 * Feeds the read models from an ordered subscription to the whole log. Each batch and the checkpoint it reaches
 * are written in one read-store transaction, so a crash replays at most an uncommitted batch and never skips one.
 *
 * Other writers: a batch applies only if the stored checkpoint is still the one this projector last wrote or read
 * and no rebuild holds the lock (both checked inside its transaction). Otherwise it rolls back, waits until the lock
 * is gone, reads the checkpoint again, forgets cached rows and subscribes again from there.
 */
export class Projector {
  private readonly maxBatch: number;
  private abort?: AbortController;
  private running?: Promise<void>;
  private position?: Position;
  /** The checkpoint row as this projector last wrote or read it: a batch applies only if it is still there. */
  private stored?: CheckpointRow;
  private waiters: Waiter[] = [];
  private failure?: unknown;
  /** The lease as this projector holds it, when it runs under one. */
  private term?: LeaseTerm;
  /** Wakes a projector waiting for the lease when someone starts waiting for a position. */
  private waiterAdded?: () => void;

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

  /** Whether this projector applies events: always without a lease, else while it holds it. */
  get leading(): boolean {
    return !this.options.lease || this.term !== undefined;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.stored = await readCheckpointRow(this.readStore);
    this.position = this.stored ? parsePosition(this.stored.position) : undefined;
    // Whatever was remembered may predate a rebuild or another writer: start from the stored state.
    for (const projection of this.projections) projection.invalidate?.();
    this.failure = undefined;
    this.abort = new AbortController();
    this.running = this.run(this.abort.signal).catch((error: unknown) => {
      if (this.abort?.signal.aborted) return;
      this.failure = error;
      this.options.onError?.(error);
      // Stopped for good here: a standby elsewhere takes over.
      void this.giveUpLease();
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
    await this.giveUpLease();
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
      this.waiterAdded?.();
    });
  }

  private async run(signal: AbortSignal): Promise<void> {
    for (;;) {
      if (this.options.lease && !this.term) {
        const term = await this.awaitLease(this.options.lease, signal);
        if (!term) return;
        this.term = term;
        await this.reload();
        this.options.onLease?.({ epoch: term.epoch, since: term.since });
      }
      const end = await this.follow(signal);
      if (end === 'stopped' || signal.aborted) return;
      if (end === 'lease-lost') {
        await this.giveUpLease();
        continue;
      }
      // A rebuild (or another writer) has the read models: wait until it is over, then carry on from what it left.
      await this.standAside(signal);
      if (signal.aborted) return;
      await this.reload();
      this.options.onResume?.(this.position);
    }
  }

  /** Starts again from the stored checkpoint, forgetting what the projections remember. */
  private async reload(): Promise<void> {
    this.stored = await readCheckpointRow(this.readStore);
    this.position = this.stored ? parsePosition(this.stored.position) : undefined;
    for (const projection of this.projections) projection.invalidate?.();
    this.settleWaiters();
  }

  /** Waits for the lease, meanwhile following the checkpoint its holder commits while someone waits for it. */
  private async awaitLease(lease: ProjectionLease, signal: AbortSignal): Promise<LeaseTerm | undefined> {
    let settled = false;
    const acquiring = lease.acquire(signal).finally(() => {
      settled = true;
    });
    const acquired = acquiring.then(noop, noop);
    while (!settled) {
      if (this.waiters.length === 0) {
        // Nobody waits: nothing to read until someone does.
        await Promise.race([acquired, new Promise<void>((resolve) => (this.waiterAdded = resolve))]);
        continue;
      }
      await this.followStored().catch(() => undefined);
      await Promise.race([acquired, sleep(this.options.followMs ?? 10)]);
    }
    this.waiterAdded = undefined;
    return acquiring;
  }

  private async followStored(): Promise<void> {
    const stored = await readCheckpoint(this.readStore);
    if (stored && (!this.position || comparePositions(stored, this.position) > 0)) this.position = stored;
    this.settleWaiters();
  }

  private async giveUpLease(): Promise<void> {
    const term = this.term;
    this.term = undefined;
    if (!this.options.lease || !term) return;
    await this.options.lease.release();
    this.options.onLease?.(undefined);
  }

  /** Follows the log until stopped, until a batch is superseded, or until the lease is lost. */
  private async follow(signal: AbortSignal): Promise<FollowEnd> {
    // Ended by stop() or by a failed batch: a generator's return() waits for the next() still pending, which a live
    // subscription settles only on a new event or an abort, so a failure must abort the subscription itself.
    const ended = new AbortController();
    const lost = this.term?.lost;
    const events = this.store.subscribeToAll({
      after: this.position,
      signal: AbortSignal.any(lost ? [signal, ended.signal, lost] : [signal, ended.signal]),
    });
    const subscription = events[Symbol.asyncIterator]();
    try {
      let pending = subscription.next();
      for (;;) {
        const first = await pending;
        if (signal.aborted) return 'stopped';
        if (lost?.aborted) return 'lease-lost';
        if (first.done) return 'stopped';
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
        const applied = await this.applyBatch(batch);
        if (applied !== 'applied') return applied;
      }
    } catch (error) {
      // The subscription ends with the signal that aborted it.
      if (signal.aborted) return 'stopped';
      if (lost?.aborted) return 'lease-lost';
      throw error;
    } finally {
      ended.abort();
      await subscription.return?.(undefined);
    }
  }

  /** Applies a batch and its checkpoint; having applied nothing when superseded or when the lease is lost. */
  private async applyBatch(batch: RecordedEvent[]): Promise<'applied' | Exclude<FollowEnd, 'stopped'>> {
    const last = batch[batch.length - 1]!.position;
    const row: CheckpointRow = {
      name: READ_MODELS_CHECKPOINT,
      position: formatPosition(last),
      updated_at: new Date().toISOString(),
    };
    try {
      await this.applyInTransaction(batch, row);
    } catch (error) {
      for (const projection of this.projections) projection.invalidate?.();
      if (error instanceof Superseded) return 'superseded';
      if (error instanceof LeaseLost) return 'lease-lost';
      throw error;
    }
    for (const projection of this.projections) projection.committed?.();
    this.stored = row;
    this.position = last;
    this.options.onBatch?.({ events: batch.length, position: last });
    this.settleWaiters();
    return 'applied';
  }

  private async applyInTransaction(batch: RecordedEvent[], row: CheckpointRow): Promise<void> {
    await this.readStore.db.transaction().execute(async (trx) => {
      // The checkpoint, only if it is still the one this projector knows, and no rebuild but its owner's.
      const refused = await guardBatch(trx, this.stored, row, this.options.lockOwner);
      if (refused === 'checkpoint-moved') throw new Superseded('the checkpoint moved');
      if (refused === 'rebuild-running') throw new Superseded('a rebuild is running');
      const term = this.term;
      if (this.options.lease && !(term && (await leaseStillHeld(trx, this.readStore.kind, term.epoch)))) {
        throw new LeaseLost('another process holds the projection lease');
      }
      for (const projection of this.projections) await projection.applyBatch(trx, batch, this.readStore);
    });
  }

  /** Polls until no rebuild but this projector's own holds the lock, or until stopped. */
  private async standAside(signal: AbortSignal): Promise<void> {
    const interval = this.options.lockPollMs ?? 250;
    for (;;) {
      const lock = await readModelsRebuilding(this.readStore);
      if (!lock || lock.by === this.options.lockOwner || signal.aborted) return;
      await sleep(interval, signal);
    }
  }

  private settleWaiters(): void {
    const position = this.position;
    if (this.waiters.length === 0 || !position) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (comparePositions(position, waiter.position) >= 0) {
        clearTimeout(waiter.timer);
        waiter.resolve();
      } else still.push(waiter);
    }
    this.waiters = still;
  }
}

async function readCheckpointRow(readStore: ReadStore): Promise<CheckpointRow | undefined> {
  return readStore.db
    .selectFrom('checkpoints')
    .selectAll()
    .where('name', '=', READ_MODELS_CHECKPOINT)
    .executeTakeFirst();
}

export async function readCheckpoint(readStore: ReadStore): Promise<Position | undefined> {
  const row = await readStore.db
    .selectFrom('checkpoints')
    .select('position')
    .where('name', '=', READ_MODELS_CHECKPOINT)
    .executeTakeFirst();
  return row ? parsePosition(row.position) : undefined;
}

function noop(): void {}
