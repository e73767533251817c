import type { Position } from '@liaison/event-store';

/** Waits until the read models reflect a position, in-process or by polling the worker's checkpoint. */
export abstract class ReadModelSync {
  abstract waitFor(position: Position): Promise<void>;
}
