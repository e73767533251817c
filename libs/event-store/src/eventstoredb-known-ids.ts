/**
 * The ids of whole streams as this process last read or wrote them, so that the usual command (read the stream,
 * decide, append at the revision read) appends in one round trip: when the append names the revision the ids are
 * known up to and none of its ids is among them, the server writing it proves that nothing was stored in between,
 * so it cannot be a retry. Anything else (an id already known, another revision, a refusal) reads the stream first.
 * Bounded by the number of ids held, least recently used streams dropped first.
 */
export class KnownStreamIds {
  private readonly streams = new Map<string, { revision: bigint; ids: Set<string> }>();
  private held = 0;

  constructor(private readonly capacity = 100_000) {}

  /** The stream's ids from revision 0 to `revision`, if known. */
  get(streamId: string): { revision: bigint; ids: ReadonlySet<string> } | undefined {
    return this.streams.get(streamId);
  }

  /** The whole stream, as read: ids from revision 0 on, in order. */
  read(streamId: string, ids: string[]): void {
    if (ids.length === 0) return this.forget(streamId);
    this.put(streamId, BigInt(ids.length - 1), new Set(ids));
  }

  /** Events written right after the known revision. */
  wrote(streamId: string, after: bigint, revision: bigint, ids: string[]): void {
    const known = this.streams.get(streamId);
    if (!known || known.revision !== after || revision !== after + BigInt(ids.length)) {
      return this.forget(streamId);
    }
    this.put(streamId, revision, new Set([...known.ids, ...ids]));
  }

  forget(streamId: string): void {
    const known = this.streams.get(streamId);
    if (!known) return;
    this.held -= known.ids.size;
    this.streams.delete(streamId);
  }

  private put(streamId: string, revision: bigint, ids: Set<string>): void {
    this.forget(streamId);
    if (ids.size > this.capacity) return;
    this.streams.set(streamId, { revision, ids });
    this.held += ids.size;
    for (const [oldest] of this.streams) {
      if (this.held <= this.capacity) break;
      this.forget(oldest);
    }
  }
}
