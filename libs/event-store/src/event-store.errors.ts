/** Thrown by every operation on a store that has been closed. */
export class EventStoreClosedError extends Error {
  constructor(store: string) {
    super(`${store} is closed`);
    this.name = 'EventStoreClosedError';
  }
}

/**
 * An event id is already stored somewhere the append cannot be a retry of: in another stream, or in this stream
 * but not as the same run of events. Retrying will never succeed, so it is not a concurrency error.
 */
export class EventIdConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    detail: string,
  ) {
    super(`stream ${streamId}: event id ${eventId} ${detail}`);
    this.name = 'EventIdConflictError';
  }
}

/**
 * The stream was deleted (EventStoreDB: soft-deleted, or tombstoned when `permanently`). Appending to it would restart
 * its revisions or be refused by the server and break its hash chain, so the store refuses instead.
 */
export class StreamDeletedError extends Error {
  constructor(
    readonly streamId: string,
    readonly permanently: boolean,
  ) {
    super(`stream ${streamId} is ${permanently ? 'permanently deleted (tombstoned)' : 'deleted'}`);
    this.name = 'StreamDeletedError';
  }
}

/** An append larger than `MAX_APPEND_BYTES`: refused before anything is sent or written. */
export class AppendTooLargeError extends RangeError {
  constructor(
    readonly streamId: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`stream ${streamId}: the append is ${size} bytes, more than the ${limit} bytes an append may hold`);
    this.name = 'AppendTooLargeError';
  }
}
