import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore, type Position } from '../event-store.port';

/** A stream's decider: how its state folds and what a command decides (the domain's deciders are these). */
export interface StreamDecider<C, E extends { type: string; data: unknown }, S> {
  initialState: () => S;
  evolve: (state: S, event: E) => S;
  decide: (command: C, state: S) => E[];
}

export interface StreamActor {
  actor: string;
  role: string;
  now: string;
  correlationId?: string;
}

export interface StreamCommandResult<E, S> {
  state: S;
  /** What this command appended; empty when it decided nothing (a retry, or nothing changed). */
  appended: E[];
  /** Events in the stream after the command. */
  version: number;
  position?: Position;
}

const MAX_ATTEMPTS = 5;

export interface StreamCommandOptions<E, S> {
  /**
   * The stream as the caller believes it to be (from a read model, say): the first try appends on it without
   * reading the stream; if the stream has moved on, the append is refused and the stream is read after all.
   */
  assumed?: { state: S; version: number };
  /** Event ids for the appended events (deterministic ids make a blind retry of the append harmless). */
  eventId?: (event: E, index: number) => string;
}

/** Read the stream, fold, decide, append with the revision read; retried when someone appended in between. */
export async function executeStreamCommand<
  C extends { type: string },
  E extends { type: string; data: unknown },
  S,
>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<C, E, S>,
  command: C,
  actor: StreamActor,
  options: StreamCommandOptions<E, S> = {},
): Promise<StreamCommandResult<E, S>> {
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
      state = decider.initialState();
      for (const event of recorded)
        state = decider.evolve(state, { type: event.type, data: event.data } as E);
      version = recorded.length;
      position = recorded[recorded.length - 1]?.position;
    }
    const decided = decider.decide(command, state);
    if (decided.length === 0) {
      return { state, appended: [], version, ...(position ? { position } : {}) };
    }
    const correlationId = actor.correlationId ?? randomUUID();
    try {
      const result = await store.append(
        streamId,
        decided.map((event, index) => ({
          id: options.eventId ? options.eventId(event, index) : randomUUID(),
          type: event.type,
          data: event.data,
          metadata: {
            actor: actor.actor,
            role: actor.role,
            correlationId,
            causationId: correlationId,
            occurredAt: actor.now,
            commandType: command.type,
          },
        })),
        { expectedRevision: version === 0 ? 'no_stream' : BigInt(version - 1) },
      );
      for (const event of decided) state = decider.evolve(state, event);
      return {
        state,
        appended: decided,
        version: version + decided.length,
        position: result.position,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
