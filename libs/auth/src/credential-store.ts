import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { join } from 'node:path';

export const CREDENTIAL_STORE = Symbol('CREDENTIAL_STORE');

/**
 * Where password hashes and session versions are kept: beside the event log, never in it. With the embedded event
 * store the tables are in its own SQLite file, so a backup (a copy of that file) carries them and a restore puts them
 * back; a read-model rebuild never touches them. With EventStoreDB they are in `<DATA_DIR>/credentials.sqlite`.
 *
 * A hash is kept under a fresh id that the account's event names (`credentialId`): it is written before the event,
 * and takes effect only once the event is appended, so a refused or failed command leaves an unreferenced row at
 * worst. Hashes an account no longer uses are deleted.
 */
export interface CredentialStore {
  /** Keeps a hash under `id` for `username`; an id kept already keeps its hash (a migration run twice). */
  keep(id: string, username: string, passwordHash: string): void;
  /** The hash kept under `id`, or undefined. */
  hash(id: string): string | undefined;
  /** Deletes every hash of `username` but the one under `current`. */
  forgetAllBut(username: string, current: string): void;
  /** Deletes the hash under `id` (a command that recorded nothing). */
  forget(id: string): void;
  /** Counts the sign-outs of `username`: a token issued at an older count no longer works. */
  sessionVersion(username: string): number;
  /** Ends every session of `username` (signing out); answers the new version. */
  endSessions(username: string): number;
  close(): void;
}

export const CREDENTIALS_FILE = 'credentials.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS credentials (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  kept_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS credentials_by_username ON credentials (username);
CREATE TABLE IF NOT EXISTS session_versions (
  username TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);`;

/** The file the credentials are kept in, for the event store configured. */
export function credentialsFile(config: {
  dataDir: string;
  eventStore?: { kind: 'sqlite'; filename: string } | { kind: string };
}): string {
  const store = config.eventStore;
  return store?.kind === 'sqlite' && 'filename' in store
    ? store.filename
    : join(config.dataDir, CREDENTIALS_FILE);
}

export class SqliteCredentialStore implements CredentialStore {
  private readonly db: Database.Database;
  private prepared: ReturnType<typeof statements> | undefined;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('busy_timeout = 5000');
  }

  /** Created on first use: a store opened on a read-only folder still starts, and says what fails when used. */
  private get stmt(): ReturnType<typeof statements> {
    if (!this.prepared) {
      const present = this.db
        .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name IN ('credentials', 'session_versions')")
        .get() as { n: number };
      if (present.n < 2) this.db.exec(SCHEMA);
      this.prepared = statements(this.db);
    }
    return this.prepared;
  }

  keep(id: string, username: string, passwordHash: string): void {
    this.stmt.keep.run(id, username, passwordHash, new Date().toISOString());
  }

  hash(id: string): string | undefined {
    return (this.stmt.hash.get(id) as { password_hash: string } | undefined)?.password_hash;
  }

  forgetAllBut(username: string, current: string): void {
    this.stmt.forgetAllBut.run(username, current);
  }

  forget(id: string): void {
    this.stmt.forget.run(id);
  }

  sessionVersion(username: string): number {
    return (this.stmt.version.get(username) as { version: number } | undefined)?.version ?? 0;
  }

  endSessions(username: string): number {
    return (this.stmt.endSessions.get(username) as { version: number }).version;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function statements(db: Database.Database) {
  return {
    keep: db.prepare(
      'INSERT INTO credentials (id, username, password_hash, kept_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    hash: db.prepare('SELECT password_hash FROM credentials WHERE id = ?'),
    forgetAllBut: db.prepare('DELETE FROM credentials WHERE username = ? AND id <> ?'),
    forget: db.prepare('DELETE FROM credentials WHERE id = ?'),
    version: db.prepare('SELECT version FROM session_versions WHERE username = ?'),
    endSessions: db.prepare(
      'INSERT INTO session_versions (username, version) VALUES (?, 1) ' +
        'ON CONFLICT (username) DO UPDATE SET version = version + 1 RETURNING version',
    ),
  };
}

@Injectable()
export class CredentialStoreShutdown implements OnApplicationShutdown {
  constructor(@Inject(CREDENTIAL_STORE) private readonly store: CredentialStore) {}

  onApplicationShutdown(): void {
    this.store.close();
  }
}
