import { comparePositions, type EventStore, type Position } from '../../event-store/src';
import type { Projection } from './office-projection';
import { Projector } from './projector';
import { resetReadModels, type ReadStore } from './read-store';

export interface RebuildProgress {
  events: number;
  position: Position;
  head: Position;
  elapsedMs: number;
}

/**
 * Empties the read models and replays the whole log into them, up to the head as it was when the rebuild began;
 * a projector started afterwards carries on from there.
 */
export async function rebuildReadModels(
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection[],
  options: { onProgress?: (progress: RebuildProgress) => void; maxBatch?: number } = {},
): Promise<{ events: number; elapsedMs: number }> {
  await resetReadModels(readStore);
  for (const projection of projections) projection.invalidate?.();
  return catchUp(store, readStore, projections, options);
}

/** Applies everything up to the current head, then stops. */
export async function catchUp(
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection[],
  options: { onProgress?: (progress: RebuildProgress) => void; maxBatch?: number } = {},
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
    onBatch: ({ events: count, position }) => {
      events += count;
      options.onProgress?.({ events, position, head, elapsedMs: Date.now() - started });
      if (comparePositions(position, head) >= 0) reached();
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
