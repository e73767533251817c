import {
  ErrorType,
  type AppendStreamState,
  type Direction,
  type EventData,
  type Filter,
  type ReadPosition,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';

/**
 * The part of the client (`@kurrent/kurrentdb-client`'s KurrentDBClient) the adapter uses. Named here so that what
 * no server on a developer's machine can show (dropped subscriptions, a leader change, replies cut off) can be
 * scripted in a test.
 */
export interface EventStoreDbClient {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: { streamState: AppendStreamState; requiresLeader?: boolean },
  ): Promise<{ nextExpectedRevision: bigint; position?: { commit: bigint; prepare: bigint } | undefined }>;
  readStream(
    streamName: string,
    options: {
      fromRevision?: ReadRevision;
      direction?: Direction;
      maxCount?: number;
      requiresLeader?: boolean;
    },
  ): AsyncIterable<unknown>;
  readAll(options: {
    fromPosition?: ReadPosition;
    direction?: Direction;
    maxCount?: number;
  }): AsyncIterable<unknown>;
  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter }): ClientSubscription;
  getStreamMetadata(
    streamName: string,
    options?: { requiresLeader?: boolean },
  ): Promise<{ metadata?: { truncateBefore?: bigint | undefined } | undefined }>;
  dispose(): Promise<void>;
}

export interface ClientSubscription extends AsyncIterable<unknown> {
  unsubscribe(): Promise<void>;
  destroy?(): void;
}

/** The client's error kind, by its `type` rather than its class: the check must not depend on which copy loaded it. */
export function errorType(error: unknown): string | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

export function isNotLeader(error: unknown): boolean {
  return errorType(error) === ErrorType.NOT_LEADER;
}

/**
 * Failures that another attempt may not meet: the connection went (a restart, an upgrade, a keep-alive timeout), the
 * server cancelled the call, the node stopped being the leader, a deadline passed. Refusals (access denied, a bad
 * argument, a conflict) are not: they would come back the same.
 */
export function isTransient(error: unknown): boolean {
  switch (errorType(error)) {
    case ErrorType.NOT_LEADER:
    case ErrorType.UNAVAILABLE:
    case ErrorType.CANCELLED:
    case ErrorType.DEADLINE_EXCEEDED:
    case ErrorType.TIMEOUT:
    case ErrorType.UNKNOWN:
      return true;
    case undefined:
      return isTransportError(error);
    default:
      return false;
  }
}

/** GRPC statuses CANCELLED, DEADLINE_EXCEEDED and UNAVAILABLE, and the socket errors of a connection cut off. */
const TRANSIENT_GRPC_CODES = new Set([1, 4, 14]);
const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** An error the client did not convert into one of its own: transient only when the transport says so. */
function isTransportError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? TRANSIENT_GRPC_CODES.has(code) : TRANSIENT_SOCKET_CODES.has(String(code));
}

/** How long to wait before the next attempt after `failures` failures in a row: jittered, doubling, capped. */
export function backoffMs(failures: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 20));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Refusals a subscription cannot outwait: it ends with them rather than try again forever. */
export function isRefusal(error: unknown): boolean {
  switch (errorType(error)) {
    case ErrorType.ACCESS_DENIED:
    case ErrorType.INVALID_ARGUMENT:
    case ErrorType.UNSUPPORTED:
    case ErrorType.NOT_FOUND:
      return true;
    case undefined:
      return error instanceof TypeError || error instanceof RangeError;
    default:
      return false;
  }
}
