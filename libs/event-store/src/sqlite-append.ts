import type Database from 'better-sqlite3';
import { EventIdConflictError } from './event-store.errors';
import {
  START,
  WrongExpectedRevisionError,
  type ExpectedRevision,
  type StorageAppendResult,
} from './event-store.port';
import { rowPosition, type SerializedEvent, type Statements } from './sqlite-rows';

export interface PendingAppend {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: SerializedEvent[];
  resolve: (result: StorageAppendResult) => void;
  reject: (error: unknown) => void;
}

export type Outcome = { ok: true; result: StorageAppendResult } | { ok: false; error: unknown };

export type CommitBatch = Database.Transaction<(batch: PendingAppend[], outcomes: Outcome[]) => void>;

/** One transaction for the whole batch, each append inside its own savepoint; pushes one outcome per append. */
export function prepareCommitBatch(db: Database.Database, stmt: Statements): CommitBatch {
  const appendInSavepoint = db.transaction((request: PendingAppend, recordedAt: string) =>
    applyAppend(stmt, request, recordedAt),
  );
  return db.transaction((batch: PendingAppend[], outcomes: Outcome[]) => {
    const recordedAt = new Date().toISOString();
    for (const request of batch) {
      try {
        outcomes.push({ ok: true, result: appendInSavepoint(request, recordedAt) });
      } catch (error) {
        // Only rejections of this one append are isolated; anything else (I/O, SQLite rolled the whole
        // transaction back) must fail the batch rather than let later appends run outside a transaction.
        if (!db.inTransaction || !isPerAppendError(error)) throw error;
        outcomes.push({ ok: false, error: explainConstraintError(stmt, error, request) });
      }
    }
  });
}

function applyAppend(stmt: Statements, request: PendingAppend, recordedAt: string): StorageAppendResult {
  const { streamId, events, expectedRevision } = request;
  const first = events[0];
  if (first) {
    const stored = stmt.eventById.get(first.id) as [string, bigint] | undefined;
    if (stored) return replayedResult(stmt, request, stored[0], stored[1]);
  }
  const head = stmt.streamHead.get(streamId) as [bigint, bigint] | undefined;
  const actual = head ? head[0] : 'no_stream';
  if (!satisfies(expectedRevision, actual)) {
    throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);
  }
  if (events.length === 0) {
    return head
      ? { nextExpectedRevision: head[0], position: rowPosition(head[1]), written: false }
      : { nextExpectedRevision: -1n, position: START, written: false };
  }
  let revision = head ? head[0] : -1n;
  let position = 0n;
  for (const event of events) {
    revision++;
    const info = stmt.insert.run(
      event.id,
      streamId,
      revision,
      event.type,
      event.data,
      event.metadata,
      event.recordedAt ?? recordedAt,
    );
    position = BigInt(info.lastInsertRowid);
  }
  return { nextExpectedRevision: revision, position: rowPosition(position), written: true };
}

/** A retry is recognised by its ids alone, before the revision check, because the revision has since moved. */
function replayedResult(
  stmt: Statements,
  request: PendingAppend,
  storedStream: string,
  fromRevision: bigint,
): StorageAppendResult {
  const { streamId, events } = request;
  const firstId = events[0]!.id;
  if (storedStream !== streamId) {
    throw new EventIdConflictError(streamId, firstId, `is already stored in stream ${storedStream}`);
  }
  const stored = stmt.idsFrom.all(streamId, fromRevision, events.length) as [string, bigint, bigint][];
  if (stored.length !== events.length || stored.some(([id], i) => id !== events[i]!.id)) {
    throw new EventIdConflictError(
      streamId,
      firstId,
      `is already stored at revision ${fromRevision} but the rest of the append does not match what follows it`,
    );
  }
  const last = stored[stored.length - 1]!;
  return { nextExpectedRevision: last[1], position: rowPosition(last[2]), written: false };
}

/** Turns a UNIQUE(event_id) violation into an error that names the clashing id and where it is stored. */
function explainConstraintError(stmt: Statements, error: unknown, request: PendingAppend): unknown {
  if (!isSqliteError(error) || !error.message.includes('events.event_id')) return error;
  const seen = new Set<string>();
  for (const event of request.events) {
    if (seen.has(event.id)) {
      return new EventIdConflictError(request.streamId, event.id, 'appears twice in the same append');
    }
    seen.add(event.id);
    const stored = stmt.eventById.get(event.id) as [string, bigint] | undefined;
    if (stored) {
      return new EventIdConflictError(
        request.streamId,
        event.id,
        `is already stored in stream ${stored[0]} at revision ${stored[1]}`,
      );
    }
  }
  return error;
}

export function isNamedRevision(value: unknown): boolean {
  return value === 'no_stream' || value === 'any' || value === 'stream_exists';
}

function satisfies(expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

function isPerAppendError(error: unknown): boolean {
  return (
    error instanceof WrongExpectedRevisionError ||
    error instanceof EventIdConflictError ||
    (isSqliteError(error) && error.code.startsWith('SQLITE_CONSTRAINT'))
  );
}

/**
 * By shape, not instanceof: the native addon keeps the SqliteError class of the first copy of the module loaded in
 * the process, so a second copy (another module registry, as in test runners) would not recognise its errors.
 */
function isSqliteError(error: unknown): error is Error & { code: string } {
  // Not `instanceof Error` either: that class, too, may come from another realm.
  const candidate = error as { name?: unknown; code?: unknown } | null;
  return (
    typeof candidate === 'object' && candidate?.name === 'SqliteError' && typeof candidate.code === 'string'
  );
}
