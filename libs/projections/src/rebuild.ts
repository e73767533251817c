import { comparePositions, type EventStore, type Position } from '@liaison/event-store';
import type { Projection } from './projection';
import { Projector } from './projector';
import { resetReadModels, type ReadStore } from './read-store';
import { replayBatches, ReplaySuperseded } from './replay/batch-replay';
import { acquireRebuildLock, rebuildLockOwner, releaseRebuildLock, type RebuildLock } from './rebuild-lock';

export interface RebuildProgress {
  events: number;
  position: Position;
  head: Position;
  elapsedMs: number;
}

export interface RebuildOptions {
  onProgress?: (progress: RebuildProgress) => void;
  maxBatch?: number;
  /** The rebuild lock this replay runs under, so its projector applies while live ones stand aside. */
  lockOwner?: string;
}

/**
 * Empties the read models and replays the whole log into them, up to the head as it was when the rebuild began;
 * a projector started afterwards carries on from there. Live projectors are not held off: see `rebuildUnderLock`.
 */
export async function rebuildReadModels(
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection[],
  options: RebuildOptions = {},
): Promise<{ events: number; elapsedMs: number }> {
  await resetReadModels(readStore);
  for (const projection of projections) projection.invalidate?.();
  const started = Date.now();
  const head = await store.headPosition();
  if (!head) return { events: 0, elapsedMs: 0 };
  let events = 0;
  try {
    await replayBatches(store, readStore, projections, head, {
      maxBatch: options.maxBatch ?? REBUILD_BATCH,
      ...(options.lockOwner !== undefined ? { lockOwner: options.lockOwner } : {}),
      onBatch: ({ events: count, position }) => {
        events += count;
        options.onProgress?.({ events, position, head, elapsedMs: Date.now() - started });
      },
    });
  } catch (error) {
    if (!(error instanceof ReplaySuperseded)) throw error;
    // Another rebuild took the lock over (or another writer moved the checkpoint): as a live projector would, wait
    // until it is over and carry on from what it left.
    const rest = await catchUp(store, readStore, projections, {
      ...options,
      onProgress: (progress) => options.onProgress?.({ ...progress, events: events + progress.events }),
    });
    events += rest.events;
  }
  return { events, elapsedMs: Date.now() - started };
}

/**
 * Events per transaction of a rebuild: a rebuild is alone on its tables, and fewer, bigger transactions fold more in
 * memory; two batches are held at once (the one applied, the one read ahead), which bounds the memory it takes.
 */
const REBUILD_BATCH = 5_000;

/**
 * `rebuildReadModels` while the API and the worker keep running: takes the rebuild lock (see rebuild-lock.ts), so
 * their projectors apply nothing meanwhile and afterwards start again from the rebuilt checkpoint, and removes it
 * at the end, failed or not. `force` takes over a lock another rebuild left behind.
 */
export async function rebuildUnderLock(
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection[],
  options: Omit<RebuildOptions, 'lockOwner'> & {
    owner?: string;
    force?: boolean;
    /** The lock is taken (with the one `force` replaced, if any): from here on it must be released. */
    onLocked?: (owner: string, replaced?: RebuildLock) => void;
  } = {},
): Promise<{ events: number; elapsedMs: number }> {
  const { owner = rebuildLockOwner(), force = false, onLocked, ...replay } = options;
  const { replaced } = await acquireRebuildLock(readStore, owner, { force });
  onLocked?.(owner, replaced);
  try {
    return await rebuildReadModels(store, readStore, projections, { ...replay, lockOwner: owner });
  } finally {
    await releaseRebuildLock(readStore, owner);
  }
}

/** Applies everything up to the current head, then stops. */
export async function catchUp(
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection[],
  options: RebuildOptions = {},
): Promise<{ events: number; elapsedMs: number }> {
  const started = Date.now();
  const head = await store.headPosition();
  if (!head) return { events: 0, elapsedMs: 0 };
  let events = 0;
  let reached!: () => void;
  let failed!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    reached = resolve;
    failed = reject;
  });
  const projector = new Projector(store, readStore, projections, {
    // Large batches: a rebuild is alone on its tables, and fewer, bigger transactions fold more in memory.
    maxBatch: options.maxBatch ?? 50000,
    ...(options.lockOwner !== undefined ? { lockOwner: options.lockOwner } : {}),
    onBatch: ({ events: count, position }) => {
      events += count;
      options.onProgress?.({ events, position, head, elapsedMs: Date.now() - started });
      if (comparePositions(position, head) >= 0) reached();
    },
    // Another writer took over (a forced rebuild) and has finished: it may have gone past the head already.
    onResume: (position) => {
      if (position && comparePositions(position, head) >= 0) reached();
    },
    onError: (error) => failed(error),
  });
  await projector.start();
  const checkpoint = projector.checkpoint;
  if (checkpoint && comparePositions(checkpoint, head) >= 0) reached();
  try {
    await done;
  } finally {
    await projector.stop();
  }
  return { events, elapsedMs: Date.now() - started };
}
