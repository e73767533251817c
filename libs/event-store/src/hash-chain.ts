import { createHash } from 'node:crypto';
import type { EventMetadata, EventToAppend, RecordedEvent } from './event-store.port';

/**
 * Tamper evidence. Every event carries, in `metadata.chain`, a SHA-256 over its canonical content (stream,
 * revision, id, type, data, metadata without the chain) and the hash of the event before it in its stream. The
 * store computes it inside the append, so streams chain independently and appends to different streams stay
 * concurrent. Changing, removing or inserting an event breaks its stream's chain from there on; anchors (see
 * `audit`) hash the heads of all streams, so a whole stream removed or added is caught too.
 */
export interface ChainLink {
  /** Hash of the previous event of the stream; the genesis value for revision 0. */
  prev: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // As JSON.stringify would store it: a Date (or anything with toJSON) as its JSON form.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  // Every event is hashed on append and on verification: one pass, no intermediate arrays but the keys.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const child = record[key];
    if (child === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(child)}`;
    first = false;
  }
  return `${out}}`;
}

export function eventHash(
  prev: string,
  event: {
    streamId: string;
    revision: bigint;
    id: string;
    type: string;
    data: unknown;
    metadata: EventMetadata;
  },
): string {
  const { chain: _chain, ...metadata } = event.metadata as EventMetadata & { chain?: unknown };
  return createHash('sha256')
    .update(prev)
    .update('\n')
    .update(
      canonicalJson({
        streamId: event.streamId,
        revision: event.revision.toString(),
        id: event.id,
        type: event.type,
        data: event.data,
        metadata,
      }),
    )
    .digest('hex');
}

/** The events to append with their chain links, the first following `prev` at `revision`. */
export function chainEvents(
  streamId: string,
  revision: bigint,
  prev: string,
  events: readonly EventToAppend[],
): EventToAppend[] {
  let previous = prev;
  return events.map((event, index) => {
    const { chain: _chain, ...metadata } = event.metadata as EventMetadata & { chain?: unknown };
    const hash = eventHash(previous, {
      streamId,
      revision: revision + BigInt(index),
      id: event.id,
      type: event.type,
      data: event.data,
      metadata,
    });
    const link: ChainLink = { prev: previous, hash };
    previous = hash;
    return { ...event, metadata: { ...metadata, chain: link } };
  });
}

export function chainOf(event: Pick<RecordedEvent, 'metadata'>): ChainLink | undefined {
  const chain = (event.metadata as { chain?: unknown }).chain;
  if (typeof chain !== 'object' || chain === null) return undefined;
  const { prev, hash } = chain as Record<string, unknown>;
  return typeof prev === 'string' && typeof hash === 'string' ? { prev, hash } : undefined;
}
