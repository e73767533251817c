import type Database from 'better-sqlite3';
import type { EventMetadata, Position, RecordedEvent } from './event-store.port';
import type { PreparedEvent } from './event-validation';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (stream_id, revision)
)`;

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';
export type EventRow = [
  position: bigint,
  eventId: string,
  streamId: string,
  revision: bigint,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

export interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
  /** The instant given with the event, stored exactly; undefined: the commit's. */
  recordedAt: string | undefined;
}

export type Statements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database.Database) {
  // raw + safeIntegers: arrays are cheaper than row objects, and positions/revisions arrive as bigint directly.
  const reader = (sql: string) => db.prepare(sql).raw(true).safeIntegers(true);
  return {
    insert: db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    eventById: reader('SELECT stream_id, revision FROM events WHERE event_id = ?'),
    streamHead: reader(
      'SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    idsFrom: reader(
      'SELECT event_id, revision, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    readStream: reader(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    readLast: reader(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`),
    readAll: reader(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    head: db.prepare('SELECT MAX(position) FROM events').pluck(true).safeIntegers(true),
  };
}

/** Hot path of replays: one pass, one JSON.parse per column, and one date parse per commit rather than per row. */
export function toRecordedEvents(rows: EventRow[]): RecordedEvent[] {
  const events = new Array<RecordedEvent>(rows.length);
  let recordedAtText = '';
  let recordedAtTime = NaN;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row[7] !== recordedAtText) {
      recordedAtText = row[7];
      recordedAtTime = Date.parse(recordedAtText);
    }
    const position = row[0];
    events[i] = {
      id: row[1],
      type: row[4],
      streamId: row[2],
      revision: row[3],
      position: { commit: position, prepare: position },
      data: JSON.parse(row[5]) as unknown,
      metadata: JSON.parse(row[6]) as EventMetadata,
      recordedAt: new Date(recordedAtTime),
    };
  }
  return events;
}

/** The columns of an event checked by `prepareAppend`. */
export function serializeEvent(event: PreparedEvent): SerializedEvent {
  return {
    id: event.id,
    type: event.type,
    data: event.dataJson,
    metadata: event.metadataJson,
    recordedAt: event.recordedAt?.toISOString(),
  };
}

export function rowPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}

/** Row positions start at 1, so START (-1) and "nothing" both mean: from the beginning. */
export function afterRow(after: Position | undefined): bigint {
  return after ? after.commit : 0n;
}
