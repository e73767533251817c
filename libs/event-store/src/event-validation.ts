import { MAX_APPEND_BYTES } from './event-store.constants';
import { AppendTooLargeError, EventIdConflictError } from './event-store.errors';
import type { EventMetadata, EventToAppend } from './event-store.port';

/**
 * What every store checks of an append before it sends or writes anything, in one place so that the adapters (and
 * the hash chain above them) accept and refuse the same appends.
 */

const DASHED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNDASHED_UUID = /^[0-9a-f]{32}$/i;

/**
 * An event id in its one stored form: a UUID, lower case, dashed. EventStoreDB stores ids in that form whatever was
 * sent, so an id in another form would not match itself on a retry, nor the id its hash was computed over.
 */
export function normaliseEventId(id: unknown): string {
  if (typeof id === 'string') {
    if (DASHED_UUID.test(id)) return id.toLowerCase();
    if (UNDASHED_UUID.test(id)) {
      const hex = id.toLowerCase();
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
  }
  throw new TypeError(`event id must be a UUID: ${String(id)}`);
}

/**
 * Names beginning with `$` are EventStoreDB's system streams and types: the log seen through the port leaves them
 * out, so an event under such a name would be stored and never delivered. Every store refuses them.
 */
export function assertStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new TypeError('streamId must be non-empty');
  if (streamId.startsWith('$')) throw new TypeError(`streamId must not begin with '$': ${streamId}`);
}

function assertEventType(id: string, type: unknown): asserts type is string {
  if (typeof type !== 'string' || type.length === 0)
    throw new TypeError(`event ${id}: type must be non-empty`);
  if (type.startsWith('$')) throw new TypeError(`event ${id}: type must not begin with '$': ${type}`);
}

/**
 * The JSON text of a value, refusing what JSON cannot hold rather than storing something else than was given (and
 * hashed): undefined, functions, symbols, BigInt, NaN and the infinities, cycles. Properties whose value is
 * undefined are left out, as JSON.stringify and the chain's canonical JSON both do.
 */
export function jsonText(value: unknown, what: string): string {
  assertJson(value, what, new Set());
  return JSON.stringify(value);
}

function assertJson(value: unknown, path: string, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path} is not JSON: ${value}`);
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`${path} is not JSON: ${typeof value}`);
  }
  if (value === null) return;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    assertJson((toJSON as () => unknown).call(value), path, seen);
    return;
  }
  if (seen.has(value)) throw new TypeError(`${path} is not JSON: it contains itself`);
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertJson(item, `${path}[${index}]`, seen));
  } else {
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) assertJson(item, `${path}.${key}`, seen);
    }
  }
  seen.delete(value);
}

/** An event as every adapter stores it: its id normalised, its data and metadata as JSON text. */
export interface PreparedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: Date | undefined;
  dataJson: string;
  /** The metadata as stored, which may hold more than the port's (EventStoreDB: the recording instant). */
  metadataJson: string;
}

/**
 * Checks an append's names, ids and payloads, and returns its events with their ids normalised, or throws: TypeError
 * for a bad name, id or payload, EventIdConflictError for an id given twice. What the hash chain checks before it
 * hashes anything.
 */
export function checkAppend(streamId: unknown, events: readonly EventToAppend[]): EventToAppend[] {
  assertStreamId(streamId);
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  const seen = new Set<string>();
  return events.map((event) => {
    const id = normaliseEventId(event?.id);
    if (seen.has(id)) throw new EventIdConflictError(streamId, id, 'appears twice in the same append');
    seen.add(id);
    assertEventType(id, event.type);
    const { metadata, recordedAt } = event;
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw new TypeError(`event ${id}: metadata must be an object`);
    }
    // Not `instanceof Date`: a Date from another realm (a test sandbox) is still a Date.
    if (recordedAt !== undefined && !Number.isFinite((recordedAt as Partial<Date>).getTime?.())) {
      throw new TypeError(`event ${id}: recordedAt must be a valid Date`);
    }
    assertJson(event.data, `event ${id}: data`, new Set());
    assertJson(metadata, `event ${id}: metadata`, new Set());
    return event.id === id ? event : { ...event, id };
  });
}

/**
 * `checkAppend`, then the events as an adapter stores them, or AppendTooLargeError past {@link MAX_APPEND_BYTES}.
 * `storedMetadata` is the metadata as the adapter will store it, which is what the size counts.
 */
export function prepareAppend(
  streamId: unknown,
  events: readonly EventToAppend[],
  storedMetadata: (event: EventToAppend) => unknown = (event) => event.metadata,
): PreparedEvent[] {
  const checked = checkAppend(streamId, events);
  let size = 0;
  const prepared = checked.map((event): PreparedEvent => {
    const dataJson = JSON.stringify(event.data);
    const metadataJson = jsonText(storedMetadata(event), `event ${event.id}: metadata`);
    size += appendSize(event.type, dataJson, metadataJson);
    const { id, type, data, metadata, recordedAt } = event;
    return { id, type, data, metadata, recordedAt, dataJson, metadataJson };
  });
  if (size > MAX_APPEND_BYTES) throw new AppendTooLargeError(streamId as string, size, MAX_APPEND_BYTES);
  return prepared;
}

/** What one event counts toward the limit: its data and metadata bytes, and its type twice (UTF-16), as the server counts. */
export function appendSize(type: string, dataJson: string, metadataJson: string): number {
  return Buffer.byteLength(dataJson, 'utf8') + Buffer.byteLength(metadataJson, 'utf8') + type.length * 2;
}
