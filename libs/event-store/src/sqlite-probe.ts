import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';

/** Which file a store opened: a file deleted or replaced under a running service is no longer this one. */
export interface OpenedFile {
  filename: string;
  dev: number;
  ino: number;
}

/** The file behind `filename` as it is now; undefined for an in-memory or temporary database. */
export function openedFile(filename: string): OpenedFile | undefined {
  if (filename === '' || filename === ':memory:' || filename.startsWith('file:')) return undefined;
  const { dev, ino } = statSync(filename);
  return { filename, dev, ino };
}

/**
 * Throws unless the store can take a write: its file is still the one on disk (not deleted or replaced, which
 * would let appends be acknowledged into a file nobody will open again), and SQLite grants a write transaction
 * (refused on a read-only file or folder). The transaction is rolled back at once: nothing is written.
 */
export function probeWrites(db: Database.Database, opened: OpenedFile | undefined): void {
  if (opened) {
    let now: { dev: number; ino: number };
    try {
      now = statSync(opened.filename);
    } catch {
      throw new Error(`the event store file ${opened.filename} is gone from disk`);
    }
    if (now.dev !== opened.dev || now.ino !== opened.ino) {
      throw new Error(`the event store file ${opened.filename} was replaced on disk`);
    }
  }
  if (db.inTransaction) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    // Rewriting the header's user version as it is: a write SQLite refuses on a read-only file, rolled back below.
    const version = Number(db.pragma('user_version', { simple: true }));
    db.pragma(`user_version = ${version}`);
  } finally {
    db.exec('ROLLBACK');
  }
}
