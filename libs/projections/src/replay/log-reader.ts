import {
  comparePositions,
  parsePosition,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@liaison/event-store';

/**
 * Reads the log in batches up to a known head, one batch ahead: the next batch is asked for as soon as one is
 * handed out, so a store across the network (PostgreSQL, EventStoreDB) reads while the batch is applied. Only two
 * batches are ever held, whatever the log's length.
 */
export class LogReader {
  private after: Position | undefined;
  private ahead?: Promise<RecordedEvent[]>;
  private done = false;

  constructor(
    private readonly store: EventStore,
    checkpoint: string | undefined,
    private readonly head: Position,
    private readonly batchSize: number,
  ) {
    this.after = checkpoint === undefined ? undefined : parsePosition(checkpoint);
  }

  /** The next batch, empty at the head. */
  async next(): Promise<RecordedEvent[]> {
    const batch = await (this.ahead ?? this.read());
    this.ahead = undefined;
    const last = batch[batch.length - 1];
    if (!last || comparePositions(last.position, this.head) >= 0) this.done = true;
    else {
      this.after = last.position;
      this.ahead = this.read();
      // Settled by the next call; a failure meanwhile must not count as unhandled.
      this.ahead.catch(() => undefined);
    }
    return batch;
  }

  close(): void {
    this.done = true;
    this.ahead = undefined;
  }

  private read(): Promise<RecordedEvent[]> {
    if (this.done) return Promise.resolve([]);
    return this.store.readAll({ ...(this.after ? { after: this.after } : {}), maxCount: this.batchSize });
  }
}
