import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { OfficeStatus } from '@liaison/domain';
import { now } from './support';

/** What a generated log holds, kept beside a reused log file so a later run can check its read models. */
export interface GeneratedLog {
  events: number;
  offices: number;
  expected: Map<OfficeStatus, number>;
}

interface Sidecar {
  events: number;
  offices: number;
  expected: [OfficeStatus, number][];
}

/** The log kept at `filename` by an earlier run with the same number of events, if there is one. */
export function reusableLog(filename: string, events: number): GeneratedLog | undefined {
  const sidecar = `${filename}.json`;
  if (!existsSync(filename) || !existsSync(sidecar)) return undefined;
  const kept = JSON.parse(readFileSync(sidecar, 'utf8')) as Sidecar;
  if (kept.events !== events) return undefined;
  return { events: kept.events, offices: kept.offices, expected: new Map(kept.expected) };
}

/** Keeps a freshly generated log for later runs (`--log=PATH`): the file first, then what it holds. */
export function keepLog(from: string, filename: string, log: GeneratedLog): void {
  rmSync(`${filename}.json`, { force: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
  // Checkpointed into the main file, so the one file is the whole log.
  const db = new Database(from);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(from, filename);
  const sidecar: Sidecar = { events: log.events, offices: log.offices, expected: [...log.expected] };
  writeFileSync(`${filename}.json`, JSON.stringify(sidecar));
}

/**
 * The floor under any read of the log: better-sqlite3 stepping through the same rows and columns as `readAll`, as
 * raw arrays, parsing nothing (no JSON, no dates, no event objects). Returns the time taken.
 */
export function floorRead(filename: string, expected: number): number {
  const db = new Database(filename, { readonly: true });
  try {
    const rows = db
      .prepare(
        'SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events ORDER BY position',
      )
      .raw(true)
      .safeIntegers(true);
    let count = 0;
    const started = now();
    for (const _row of rows.iterate()) count++;
    const elapsedMs = now() - started;
    if (count !== expected) throw new Error(`floor read returned ${count} rows, not ${expected}`);
    return elapsedMs;
  } finally {
    db.close();
  }
}
