import {
  ErrorType,
  START as FROM_START,
  jsonEvent,
  type JSONType,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import { errorType } from './eventstoredb-client';
import { AppendTooLargeError, StreamDeletedError } from './event-store.errors';
import { MAX_APPEND_BYTES } from './event-store.constants';
import type { PreparedEvent } from './event-validation';
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

/** The metadata as stored: a given recording instant travels in it. */
export function storedMetadata(event: EventToAppend): unknown {
  return event.recordedAt
    ? { ...event.metadata, [RECORDED_AT_METADATA_KEY]: event.recordedAt.toISOString() }
    : event.metadata;
}

/** A checked event as the client sends it. */
export function toJsonEvent(event: PreparedEvent) {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: JSON.parse(event.dataJson) as JSONType,
    metadata: JSON.parse(event.metadataJson) as JSONType,
  });
}

/** The port's START (-1/-1) is not a position the server accepts. */
export function toReadPosition(position: Position | undefined): ReadPosition {
  return position && position.commit >= 0n ? position : FROM_START;
}

/** The client's refusals as the port's errors; any other error unchanged. */
export function toPortError(error: unknown, streamId: string, expectedRevision: ExpectedRevision): unknown {
  switch (errorType(error)) {
    case ErrorType.WRONG_EXPECTED_VERSION: {
      const actual = (error as { actualState?: unknown }).actualState;
      return new WrongExpectedRevisionError(
        streamId,
        expectedRevision,
        typeof actual === 'bigint' && actual >= 0n ? actual : 'no_stream',
      );
    }
    case ErrorType.STREAM_DELETED:
    case ErrorType.STREAM_TOMBSTONED:
      return new StreamDeletedError(streamId, true);
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
    case ErrorType.APPEND_RECORD_SIZE_EXCEEDED:
    case ErrorType.TRANSACTION_MAX_SIZE_EXCEEDED:
      return new AppendTooLargeError(streamId, Number.NaN, MAX_APPEND_BYTES);
    default:
      return error;
  }
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

/** Reads a stream to the end; a missing (or soft-deleted) stream is an empty one, a tombstoned one the port's error. */
export async function drainStream(
  streamId: string,
  read: AsyncIterable<unknown>,
): Promise<ServerResolvedEvent[]> {
  try {
    return await drainAll(read);
  } catch (error) {
    if (errorType(error) === ErrorType.STREAM_NOT_FOUND) return [];
    throw toPortError(error, streamId, 'any');
  }
}

/** Consumes the whole (bounded) read rather than breaking out, which would leave the call running. */
export async function drainAll(read: AsyncIterable<unknown>): Promise<ServerResolvedEvent[]> {
  const out: ServerResolvedEvent[] = [];
  for await (const resolved of read) out.push(resolved as ServerResolvedEvent);
  return out;
}
