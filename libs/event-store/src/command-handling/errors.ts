/** The stream is not at the version the command was decided on: the client's If-Match, or a final lost race. */
export class VersionConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `${streamId} is at version ${currentVersion}, not ${expectedVersion}: it changed meanwhile; ` +
        `reload it and try again`,
    );
    this.name = 'VersionConflict';
  }
}

/** The same Idempotency-Key was sent with a different command. */
export class IdempotencyKeyReused extends Error {
  constructor(
    readonly idempotencyKey: string,
    readonly streamId?: string,
  ) {
    super(
      `Idempotency-Key ${idempotencyKey} was already used for a different request` +
        (streamId !== undefined ? ` on ${streamId}` : ''),
    );
    this.name = 'IdempotencyKeyReused';
  }
}
