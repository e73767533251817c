import { randomUUID } from 'node:crypto';
import type { Decider } from '@liaison/domain';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type Position,
  type RecordedEvent,
} from '../event-store.port';
import { VersionConflict, IdempotencyKeyReused } from './errors';
import { deterministicUuid, fingerprint } from './ids';

type AnyCommand = { type: string; data: unknown; metadata?: { now: string } };
type AnyEvent = { type: string; data: unknown };

/** Who acts, how the command is to be treated, and what becomes the events' metadata. */
export interface CommandRequest {
  actor: string;
  role: string;
  /** The tier the actor acts at, where a decision belongs to a tier. */
  tier?: string;
  comment?: string;
  correlationId?: string;
  causationId?: string;
  /** Domain time of the command (ISO-8601): the command's `metadata.now` and the events' `occurredAt`. */
  now: string;
  /**
   * The client's Idempotency-Key, scoped to the actor: event ids are derived from both, and the actor's retry of the
   * same command with it answers what the first did (`replayed`); the same key with another command is refused.
   * Another actor's use of the same key is a command of its own.
   */
  idempotencyKey?: string;
  /** The stream version (event count) the client last saw (If-Match): a stale one is refused, never rebased. */
  expectedVersion?: number;
  /** Attempts when someone else appends in between (only when no expected version is pinned). Default 5. */
  maxAttempts?: number;
}

/** A request and what the caller adds for this stream's decider. */
export interface CommandOptions<E extends AnyEvent = AnyEvent, S = unknown> extends CommandRequest {
  /** The stream must exist: the error to throw when it does not. */
  notFound?: () => Error;
  /** Runs on the stream as read, before anything is decided; throws to refuse. */
  authorize?: (state: S, version: number) => void;
  /**
   * The stream as the caller believes it to be (from a read model, say): the first try decides on it without
   * reading the stream, so without `authorize` or an Idempotency-Key replay; if the stream has moved on, the append
   * is refused and the stream is read after all. For commands whose decider makes a retry harmless (a notice sent).
   */
  assumed?: { state: S; version: number };
  /** Ids of the appended events when no Idempotency-Key gives them (deterministic ids make a blind retry harmless). */
  eventId?: (event: E, index: number) => string;
  /**
   * What identifies the command for an Idempotency-Key, in place of its data: for a command carrying something made
   * afresh on every attempt (a new password's salted hash), so that a retry is still the same command.
   */
  fingerprint?: unknown;
}

export type HandledEvent<E extends AnyEvent> = E & { id: string; revision: number };

export interface CommandOutcome<E extends AnyEvent, S> {
  streamId: string;
  /** The stream's state after the command (for a replay: as the first run of the command left it). */
  state: S;
  /** What the command appended (for a replay: what its first run appended); empty when it decided nothing. */
  events: HandledEvent<E>[];
  /** Events in the stream after the command. */
  version: number;
  /** Where the command's last event (or the stream's, when nothing was appended) stands in the log. */
  position?: Position;
  /** True when this was a retry of a command already applied: nothing new was appended. */
  replayed: boolean;
}

const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The one write path: read the stream, fold it with the decider, authorize, decide with the handler's time, and
 * append with the revision read (`no_stream` for a new stream). A concurrent append is retried on the new state up
 * to a bound unless the client pinned a version; a final conflict is a VersionConflict with the current version.
 */
export async function handleCommand<C extends AnyCommand, E extends AnyEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  // The decider alone says what the events and the state are.
  options: CommandOptions<NoInfer<E>, NoInfer<S>>,
): Promise<CommandOutcome<E, S>> {
  // Over what the client sent, not the handler's time, so that a retry matches its first run. Only a command with
  // an Idempotency-Key can be retried into a replay, so only it pays for canonical JSON and a hash here.
  const commandHash =
    options.idempotencyKey !== undefined
      ? fingerprint({
          type: command.type,
          data: options.fingerprint === undefined ? command.data : options.fingerprint,
        })
      : undefined;
  const decided: C = { ...command, metadata: { ...command.metadata, now: options.now } };
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  let assumed = options.assumed;
  for (let attempt = 1; ; attempt++) {
    let state: S;
    let version: number;
    let position: Position | undefined;
    if (assumed) {
      ({ state, version } = assumed);
      assumed = undefined;
    } else {
      const recorded = await store.readStream(streamId);
      state = foldStream(decider, recorded);
      version = recorded.length;
      position = recorded[recorded.length - 1]?.position;
      options.authorize?.(state, version);
      const replay = replayOf(streamId, decider, recorded, options, commandHash);
      if (replay) return replay;
    }
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new VersionConflict(streamId, options.expectedVersion, version);
    }
    if (version === 0 && options.notFound) throw options.notFound();
    const events = decider.decide(decided, state);
    if (events.length === 0) {
      return { streamId, state, events: [], version, ...(position ? { position } : {}), replayed: false };
    }
    const toAppend = events.map((event, index) => ({
      id: eventIdOf(streamId, options, event, index),
      type: event.type,
      data: event.data,
      metadata: metadataOf(command.type, commandHash, options),
    }));
    try {
      const appended = await store.append(streamId, toAppend, {
        expectedRevision: version === 0 ? 'no_stream' : BigInt(version - 1),
      });
      for (const event of events) state = decider.evolve(state, event);
      return {
        streamId,
        state,
        events: events.map((event, index) => withId(event, toAppend[index]!, version + index)),
        version: version + events.length,
        position: appended.position,
        replayed: false,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const current = error.actual === 'no_stream' ? 0 : Number(error.actual) + 1;
      // A client that named its version asked not to be silently rebased onto someone else's change.
      if (options.expectedVersion !== undefined) {
        throw new VersionConflict(streamId, options.expectedVersion, current);
      }
      if (attempt >= maxAttempts) throw new VersionConflict(streamId, version, current);
    }
  }
}

/** The state of a stream with these recorded events. */
export function foldStream<E extends AnyEvent, S>(
  decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>,
  recorded: readonly RecordedEvent[],
): S {
  let state = decider.initialState();
  // The store holds what the decider's events were when appended: type names and data shapes never change.
  for (const event of recorded) state = decider.evolve(state, { type: event.type, data: event.data } as E);
  return state;
}

/** What the first run of a command with this Idempotency-Key appended, if there was one. */
function replayOf<E extends AnyEvent, S>(
  streamId: string,
  decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>,
  recorded: readonly RecordedEvent[],
  { idempotencyKey, actor }: CommandRequest,
  commandHash: string | undefined,
): CommandOutcome<E, S> | undefined {
  if (idempotencyKey === undefined) return undefined;
  // A key is the caller's own: another caller's command under the same key is none of theirs to be answered with.
  const earlier = recorded.filter(
    (event) => event.metadata.idempotencyKey === idempotencyKey && event.metadata.actor === actor,
  );
  if (earlier.length === 0) return undefined;
  if (earlier[0]!.metadata.commandHash !== commandHash)
    throw new IdempotencyKeyReused(idempotencyKey, streamId);
  const last = earlier[earlier.length - 1]!;
  const version = Number(last.revision) + 1;
  return {
    streamId,
    state: foldStream(decider, recorded.slice(0, version)),
    events: earlier.map(
      (event) =>
        ({
          type: event.type,
          data: event.data,
          id: event.id,
          revision: Number(event.revision),
        }) as HandledEvent<E>,
    ),
    version,
    position: last.position,
    replayed: true,
  };
}

function eventIdOf<E extends AnyEvent, S>(
  streamId: string,
  options: CommandOptions<E, S>,
  event: E,
  index: number,
): string {
  if (options.idempotencyKey !== undefined) {
    // The actor is part of the id, so two callers' keys never make the same id. Events recorded when ids came from
    // the stream and key alone keep their ids: a retry of such a command replays them as stored (replayOf).
    return deterministicUuid(`${streamId}|${options.actor}|${options.idempotencyKey}|${index}`);
  }
  return options.eventId ? options.eventId(event, index) : randomUUID();
}

function metadataOf(
  commandType: string,
  commandHash: string | undefined,
  options: CommandRequest,
): EventMetadata {
  const correlationId = options.correlationId ?? randomUUID();
  return {
    actor: options.actor,
    role: options.role,
    ...(options.tier !== undefined ? { tier: options.tier } : {}),
    ...(options.comment !== undefined ? { comment: options.comment } : {}),
    correlationId,
    causationId: options.causationId ?? correlationId,
    occurredAt: options.now,
    commandType,
    ...(commandHash !== undefined ? { commandHash } : {}),
    ...(options.idempotencyKey !== undefined ? { idempotencyKey: options.idempotencyKey } : {}),
  };
}

function withId<E extends AnyEvent>(event: E, appended: EventToAppend, revision: number): HandledEvent<E> {
  return { ...event, id: appended.id, revision };
}
