import {
  ANY,
  NO_STREAM,
  START as FROM_START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type JSONType,
  type ReadPosition,
} from '@eventstore/db-client';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
} from './event-store.port';

/** The server reports "no position" in the index as the largest unsigned 64-bit number. */
const NO_POSITION = 2n ** 64n - 1n;
/**
 * The server sets an event's `created` itself, so an instant given with the event travels in its metadata under
 * this key and is reported back as `recordedAt` (and taken out of the metadata again).
 */
export const RECORDED_AT_METADATA_KEY = '$recordedAt';

/** The fields this adapter needs from a client RecordedEvent; stream and $all reads type them differently. */
export interface ServerEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: { commit: bigint; prepare: bigint } | undefined;
}

export interface ServerResolvedEvent {
  event?: ServerEvent | undefined;
  commitPosition?: bigint | undefined;
}

/** The port's event as the client sends it; a given recording instant travels in the metadata. */
export function toJsonEvent(event: EventToAppend) {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as JSONType,
    metadata: (event.recordedAt
      ? { ...event.metadata, [RECORDED_AT_METADATA_KEY]: event.recordedAt.toISOString() }
      : event.metadata) as JSONType,
  });
}

/** The port's START (-1/-1) is not a position the server accepts. */
export function toReadPosition(position: Position | undefined): ReadPosition {
  return position && position.commit >= 0n ? position : FROM_START;
}

export function toServerExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** The client's version conflict as the port's; any other error unchanged. */
export function toPortError(error: unknown, streamId: string, expectedRevision: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(streamId, expectedRevision, toActual(error.actualVersion));
  }
  return error;
}

function toActual(actual: CurrentRevision): bigint | 'no_stream' {
  return actual === NO_STREAM || actual < 0n ? 'no_stream' : actual;
}

export function isReal(position: Position | undefined): position is Position {
  return position !== undefined && position.commit >= 0n && position.commit !== NO_POSITION;
}

export function isSystemEvent(event: { type: string; streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

export function toRecordedEvent(event: ServerEvent, commitPosition?: bigint): RecordedEvent {
  const position = isReal(event.position)
    ? { commit: event.position.commit, prepare: event.position.prepare }
    : { commit: commitPosition ?? -1n, prepare: commitPosition ?? -1n };
  const { metadata, recordedAt } = splitRecordedAt(decodeJson(event.metadata ?? {}));
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position,
    data: event.isJson ? event.data : decodeJson(event.data),
    metadata: metadata as EventMetadata,
    // As stored, even when it is not a valid instant: verification must see what is there.
    recordedAt: recordedAt === undefined ? event.created : new Date(recordedAt),
  };
}

/** Takes the recording instant given on append out of the metadata it travelled in. */
export function splitRecordedAt(metadata: unknown): { metadata: unknown; recordedAt?: string } {
  if (typeof metadata !== 'object' || metadata === null || !(RECORDED_AT_METADATA_KEY in metadata)) {
    return { metadata };
  }
  const { [RECORDED_AT_METADATA_KEY]: given, ...rest } = metadata as Record<string, unknown>;
  return typeof given === 'string' ? { metadata: rest, recordedAt: given } : { metadata };
}

/** Events written by other tools may be binary; JSON bytes are still decoded, anything else is passed through. */
export function decodeJson(value: unknown): unknown {
  if (!(value instanceof Uint8Array)) return value;
  try {
    return JSON.parse(Buffer.from(value).toString('utf8')) as unknown;
  } catch {
    return value;
  }
}

/** Reads a stream to the end; a missing stream is an empty one. */
export async function drainStream(read: AsyncIterable<unknown>): Promise<ServerResolvedEvent[]> {
  try {
    return await drainAll(read);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

/** Consumes the whole (bounded) read rather than breaking out, which would leave the gRPC call running. */
export async function drainAll(read: AsyncIterable<unknown>): Promise<ServerResolvedEvent[]> {
  const out: ServerResolvedEvent[] = [];
  for await (const resolved of read) out.push(resolved as ServerResolvedEvent);
  return out;
}
