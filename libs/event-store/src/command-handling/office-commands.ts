import { randomUUID } from 'node:crypto';
import {
  evolve,
  initialState,
  officeDecider,
  type OfficeCommand,
  type OfficeContext,
  type OfficeEvent,
  type OfficeState,
  OfficeNotFound,
  officeStreamId,
} from '@liaison/domain';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '../event-store.port';
import { IdempotencyKeyReused, VersionConflict } from './errors';
import { deterministicUuid, fingerprint } from './ids';

/** Who is acting and how the request is to be treated; becomes the events' metadata. */
export interface CommandMeta {
  actor: string;
  role: string;
  tier?: string;
  comment?: string;
  correlationId?: string;
  causationId?: string;
  /** Domain time of the command (ISO-8601). */
  now: string;
  idempotencyKey?: string;
  /** The office version (event count) the client last saw (If-Match); a stale one is refused. */
  expectedVersion?: number;
  /**
   * Authorization on the office as it is now (its sponsor, the tier a request waits at), run after the stream is
   * read and before anything is decided; it throws to refuse. Checked here so the office is read once.
   */
  authorize?: (state: OfficeState) => void;
}

export interface CommandResult {
  officeId: string;
  /** Events in the office's stream after the command. */
  version: number;
  status: OfficeState['status'];
  events: { id: string; type: string; revision: number }[];
  position: Position;
  /** True when this was a retry of a command already applied: nothing new was appended. */
  replayed: boolean;
  /** Set when the read models had not caught up with this command in time (lists may not show it yet). */
  readModelsLagging?: boolean;
}

const MAX_ATTEMPTS = 5;

/** Read the stream, fold, decide, append with the revision read; retried on a concurrent append. */
export async function executeOfficeCommand(
  store: EventStore,
  context: OfficeContext,
  officeId: string,
  command: OfficeCommand,
  meta: CommandMeta,
): Promise<CommandResult> {
  const streamId = officeStreamId(officeId);
  const commandHash = fingerprint(command);
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(streamId);
    const state = foldRecorded(recorded);
    if (meta.authorize && recorded.length > 0) meta.authorize(state);
    if (meta.idempotencyKey !== undefined) {
      const earlier = recorded.filter((event) => event.metadata.idempotencyKey === meta.idempotencyKey);
      if (earlier.length > 0) {
        if (earlier[0]!.metadata.commandHash !== commandHash)
          throw new IdempotencyKeyReused(meta.idempotencyKey);
        return resultOf(officeId, recorded, earlier, true);
      }
    }
    const version = recorded.length;
    if (meta.expectedVersion !== undefined && meta.expectedVersion !== version) {
      throw new VersionConflict(officeId, meta.expectedVersion, version);
    }
    if (command.type !== 'RegisterOffice' && version === 0) throw new OfficeNotFound(officeId);
    const decided = officeDecider(context).decide(command, state);
    if (decided.length === 0) {
      // Nothing to record (e.g. claiming a task one already holds): answer with the office as it is.
      const last = recorded[recorded.length - 1]!;
      return {
        officeId,
        version,
        status: state.status,
        events: [],
        position: last.position,
        replayed: false,
      };
    }
    const correlationId = meta.correlationId ?? randomUUID();
    const metadata: EventMetadata = {
      actor: meta.actor,
      role: meta.role,
      ...(meta.tier !== undefined ? { tier: meta.tier } : {}),
      ...(meta.comment !== undefined ? { comment: meta.comment } : {}),
      correlationId,
      causationId: meta.causationId ?? correlationId,
      occurredAt: meta.now,
      commandType: command.type,
      commandHash,
      ...(meta.idempotencyKey !== undefined ? { idempotencyKey: meta.idempotencyKey } : {}),
    };
    const toAppend = decided.map((event, index) => ({
      id:
        meta.idempotencyKey !== undefined
          ? deterministicUuid(`${streamId}|${meta.idempotencyKey}|${index}`)
          : randomUUID(),
      type: event.type,
      data: event.data,
      metadata,
    }));
    try {
      const appended = await store.append(streamId, toAppend, {
        expectedRevision: version === 0 ? 'no_stream' : BigInt(version - 1),
      });
      let next = state;
      for (const event of decided) next = evolve(next, event);
      return {
        officeId,
        version: Number(appended.nextExpectedRevision) + 1,
        status: next.status,
        events: toAppend.map((event, index) => ({
          id: event.id,
          type: event.type,
          revision: version + index,
        })),
        position: appended.position,
        replayed: false,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const current = error.actual === 'no_stream' ? 0 : Number(error.actual) + 1;
      // A client that named its version asked not to be silently rebased onto someone else's change.
      if (meta.expectedVersion !== undefined)
        throw new VersionConflict(officeId, meta.expectedVersion, current);
      if (attempt >= MAX_ATTEMPTS) throw new VersionConflict(officeId, version, current);
    }
  }
}

export function foldRecorded(recorded: readonly RecordedEvent[]): OfficeState {
  let state = initialState();
  for (const event of recorded) state = evolve(state, { type: event.type, data: event.data } as OfficeEvent);
  return state;
}

function resultOf(
  officeId: string,
  recorded: readonly RecordedEvent[],
  earlier: readonly RecordedEvent[],
  replayed: boolean,
): CommandResult {
  const last = earlier[earlier.length - 1]!;
  return {
    officeId,
    version: Number(last.revision) + 1,
    status: foldRecorded(recorded.slice(0, Number(last.revision) + 1)).status,
    events: earlier.map((event) => ({ id: event.id, type: event.type, revision: Number(event.revision) })),
    position: last.position,
    replayed,
  };
}
