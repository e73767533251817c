import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore, type Position } from '../../event-store/src';

/** A stream's decider: how its state folds and what a command decides. */
export interface StreamDecider<C, E extends { type: string; data: unknown }, S> {
  initial: () => S;
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
): Promise<StreamCommandResult<E, S>> {
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(streamId);
    let state = decider.initial();
    for (const event of recorded) state = decider.evolve(state, { type: event.type, data: event.data } as E);
    const decided = decider.decide(command, state);
    const last = recorded[recorded.length - 1];
    if (decided.length === 0) {
      return { state, appended: [], version: recorded.length, ...(last ? { position: last.position } : {}) };
    }
    const correlationId = actor.correlationId ?? randomUUID();
    try {
      const result = await store.append(
        streamId,
        decided.map((event) => ({
          id: randomUUID(),
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
        { expectedRevision: recorded.length === 0 ? 'no_stream' : BigInt(recorded.length - 1) },
      );
      for (const event of decided) state = decider.evolve(state, event);
      return {
        state,
        appended: decided,
        version: recorded.length + decided.length,
        position: result.position,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
