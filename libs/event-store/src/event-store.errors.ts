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
