import { createHash } from 'node:crypto';
import type { EventMetadata, EventToAppend, RecordedEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';

/**
 * The link every event carries in `metadata.chain`. Version 2 (`v: 2`) hashes, as one RFC 8785 object, the hash of
 * the event before it in its stream (`prev`), the event's stream, revision, id, type, recording instant, data and
 * metadata (without `chain`). Links written before versions existed (no `v`) hashed the same but for the recording
 * instant, in another layout; they still verify (see `legacyEventHash`).
 */
export interface ChainLink {
  v?: number;
  /** Hash of the previous event of the stream; GENESIS for revision 0. */
  prev: string;
  hash: string;
}

export const CHAIN_VERSION = 2;
export const GENESIS = '0'.repeat(64);

/** What an event's hash covers: everything its history shows but its place in the whole log. */
export interface HashedEvent {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  /** Any `chain` in it is left out. */
  metadata: EventMetadata;
  recordedAt: Date;
}

/** The version-2 hash: SHA-256 (hex) of the RFC 8785 form of one object holding the link's inputs. */
export function eventHash(prev: string, event: HashedEvent): string {
  return sha256(
    canonicalJson({
      v: CHAIN_VERSION,
      prev,
      streamId: event.streamId,
      revision: event.revision.toString(),
      id: event.id,
      type: event.type,
      recordedAt: instant(event.recordedAt),
      data: event.data,
      metadata: withoutChain(event.metadata),
    }),
  );
}

/** The hash of links without a version: `prev`, a line feed, then the content without the recording instant. */
export function legacyEventHash(prev: string, event: Omit<HashedEvent, 'recordedAt'>): string {
  return sha256(
    `${prev}\n${canonicalJson({
      streamId: event.streamId,
      revision: event.revision.toString(),
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: withoutChain(event.metadata),
    })}`,
  );
}

/** The events with their recording instant and links, the first at `revision` following `prev`. */
export function linkEvents(
  streamId: string,
  revision: bigint,
  prev: string,
  events: readonly EventToAppend[],
  recordedAt: Date,
): EventToAppend[] {
  let previous = prev;
  return events.map((event, index) => {
    const metadata = withoutChain(event.metadata);
    const hash = eventHash(previous, {
      streamId,
      revision: revision + BigInt(index),
      id: event.id,
      type: event.type,
      data: event.data,
      metadata,
      recordedAt,
    });
    const chain: ChainLink = { v: CHAIN_VERSION, prev: previous, hash };
    previous = hash;
    return { id: event.id, type: event.type, data: event.data, metadata: { ...metadata, chain }, recordedAt };
  });
}

export function chainOf(event: Pick<RecordedEvent, 'metadata'>): ChainLink | undefined {
  const chain = (event.metadata as { chain?: unknown }).chain;
  if (typeof chain !== 'object' || chain === null) return undefined;
  const { v, prev, hash } = chain as Record<string, unknown>;
  if (typeof prev !== 'string' || typeof hash !== 'string') return undefined;
  return v === undefined ? { prev, hash } : { v: typeof v === 'number' ? v : NaN, prev, hash };
}

/** The hash a stream continues from after this event: its link's, or GENESIS for an event without one. */
export function hashAfter(event: Pick<RecordedEvent, 'metadata'>): string {
  return chainOf(event)?.hash ?? GENESIS;
}

/** Why a stored event does not check out as the successor of `prev`, or undefined when it does. */
export function linkProblem(prev: string, event: RecordedEvent): string | undefined {
  const link = chainOf(event);
  if (!link) return 'the event carries no chain link (written outside the store, or altered)';
  if (link.prev !== prev) {
    return 'the link does not name the hash of the event before it: the stream was altered';
  }
  if (link.v !== undefined && link.v !== CHAIN_VERSION) {
    return `the link has version ${String(link.v)}, which no version of the store writes: it was altered`;
  }
  const hash = link.v === undefined ? legacyEventHash(prev, event) : eventHash(prev, event);
  if (hash !== link.hash) {
    return "the event's content or recording time does not match its hash: it was changed after it was written";
  }
  return undefined;
}

function withoutChain(metadata: EventMetadata): EventMetadata {
  if (!('chain' in metadata)) return metadata;
  const { chain: _chain, ...rest } = metadata;
  return rest;
}

/** The last instant formatted: the events of one append, and neighbours in the log, share it. */
let lastInstant = { time: NaN, text: '' };

/** A recording instant as hashed; an unreadable one (an edited row) hashes as such rather than failing. */
function instant(date: Date): string {
  const time = date.getTime();
  if (time === lastInstant.time) return lastInstant.text;
  const text = Number.isFinite(time) ? date.toISOString() : String(date);
  lastInstant = { time, text };
  return text;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
