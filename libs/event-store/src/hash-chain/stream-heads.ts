/** A stream's last event as far as the chain needs it: its revision and the hash to link the next event to. */
export interface StreamHead {
  revision: bigint;
  hash: string;
}

/**
 * The last known head of recently used streams, the one least recently written or read dropped first (a stream
 * appended to is written, so looking a head up need not reorder anything). A head may be stale (another process
 * appended since), never wrong: it only ever holds what was read from the store or written to it.
 */
export class StreamHeads {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('the stream head cache needs room for at least one stream');
  }

  get(streamId: string): StreamHead | undefined {
    return this.heads.get(streamId);
  }

  /** Records a head unless a later one is already known (a read that started before an append finishes after it). */
  remember(streamId: string, head: StreamHead): void {
    const known = this.heads.get(streamId);
    if (known && known.revision > head.revision) return;
    // Map keeps insertion order: re-inserting marks it the most recently used.
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }

  /** Drops a stream's head, unless it is the one `keep` accepts. */
  forget(streamId: string, keep?: (head: StreamHead) => boolean): void {
    const known = this.heads.get(streamId);
    if (known && !keep?.(known)) this.heads.delete(streamId);
  }

  get size(): number {
    return this.heads.size;
  }
}
