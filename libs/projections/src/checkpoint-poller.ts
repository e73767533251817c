import { comparePositions, formatPosition, type Position } from '@liaison/event-store';
import { readCheckpoint } from './projector';
import type { ReadStore } from './read-store';

/** Read-your-writes when the projector runs in another process: poll the checkpoint it commits. */
export class CheckpointPoller {
  constructor(
    private readonly readStore: ReadStore,
    private readonly intervalMs = 10,
  ) {}

  async waitFor(position: Position, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoint = await readCheckpoint(this.readStore);
      if (checkpoint && comparePositions(checkpoint, position) >= 0) return;
      if (Date.now() >= deadline) {
        throw new Error(`read models did not reach ${formatPosition(position)} within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    }
  }
}
