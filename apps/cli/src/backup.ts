import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUTH_SECRET_FILE } from '@liaison/auth';
import type { AppConfig } from '@liaison/app';

export const MANIFEST_FILE = 'backup.json';
export const EVENTS_FILE = 'events.sqlite';

/** What `backup.json` says of the copy beside it; written last, so a backup without it did not finish. */
export interface BackupManifest {
  format: 1;
  takenAt: string;
  /** The event store copied. */
  source: string;
  events: number;
  /** The copy holds the log exactly up to this position. */
  lastPosition: number;
  /** Of `events.sqlite`, checked before anything is restored. */
  sha256: string;
  /** `auth-secret` (the signing key made on first start) was in DATA_DIR and is copied with the log. */
  authSecret: boolean;
}

export interface PageProgress {
  copied: number;
  total: number;
  /** Times the copy started over because the store changed between two steps. */
  restarts: number;
  pagesPerStep: number;
}

/** A backup or restore that cannot be done as asked: said to the operator as it is, exit code 1. */
export class BackupRefused extends Error {}

const FIRST_STEP_PAGES = 256; // 1 MiB with SQLite's default page size

/**
 * Copies a live SQLite database with SQLite's online backup API while other processes may write to it. Each step
 * copies its pages inside one read transaction (a consistent snapshot, in WAL mode without stopping any writer),
 * but a write between two steps makes SQLite start the copy over. So every restart quadruples the step: under any
 * load the copy ends, at worst in one step, and it is always the database as it was at one commit.
 */
export async function copyOnline(
  source: string,
  target: string,
  onProgress: (progress: PageProgress) => void = () => undefined,
): Promise<PageProgress> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    let pagesPerStep = FIRST_STEP_PAGES;
    let restarts = 0;
    let lastRemaining = Number.POSITIVE_INFINITY;
    const done = await db.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        if (remainingPages >= lastRemaining) {
          restarts += 1;
          pagesPerStep = Math.min(pagesPerStep * 4, Math.max(totalPages, 1));
        }
        lastRemaining = remainingPages;
        onProgress({ copied: totalPages - remainingPages, total: totalPages, restarts, pagesPerStep });
        return pagesPerStep;
      },
    });
    const finished = { copied: done.totalPages, total: done.totalPages, restarts, pagesPerStep };
    onProgress(finished);
    return finished;
  } finally {
    db.close();
  }
}

/** How a server-side event store is backed up or restored instead: with the server's own tools. */
function ownTools(config: AppConfig, done: string): string {
  return config.eventStore.kind === 'postgres'
    ? `the PostgreSQL event store is ${done} with PostgreSQL's tools (pg_dump / pg_restore of its schema; ` +
        'see docs/postgres-event-store.md), then `verify` checks the chains and `rebuild` the read models'
    : `EventStoreDB is ${done} with its own tools (see README)`;
}

/** Takes a backup of the embedded event store (and the signing key kept beside it) into an empty or new folder. */
export async function takeBackup(
  config: AppConfig,
  dir: string,
  onProgress?: (progress: PageProgress) => void,
): Promise<BackupManifest> {
  if (config.eventStore.kind !== 'sqlite') {
    throw new BackupRefused(
      `backup copies the embedded SQLite event store; ${ownTools(config, 'backed up')}`,
    );
  }
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) {
    throw new BackupRefused(`${dir} is not empty: give a new or empty folder for each backup`);
  }
  const source = config.eventStore.filename;
  if (!(await exists(source))) throw new BackupRefused(`there is no event store at ${source}`);
  const partial = join(dir, `${EVENTS_FILE}.partial`);
  await copyOnline(source, partial, onProgress);
  const { events, lastPosition } = settle(partial);
  await rename(partial, join(dir, EVENTS_FILE));
  const authSecret = await exists(join(config.dataDir, AUTH_SECRET_FILE));
  if (authSecret) await copySecret(join(config.dataDir, AUTH_SECRET_FILE), join(dir, AUTH_SECRET_FILE));
  const manifest: BackupManifest = {
    format: 1,
    takenAt: new Date().toISOString(),
    source,
    events,
    lastPosition,
    sha256: await sha256(join(dir, EVENTS_FILE)),
    authSecret,
  };
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * The copy as one self-contained file (rollback journal rather than WAL; the store goes back to WAL when it opens
 * it), checked page by page, and what it holds.
 */
function settle(file: string): { events: number; lastPosition: number } {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy fails SQLite's quick_check: ${String(check)}`);
    const row = copy
      .prepare('SELECT COUNT(*) AS events, COALESCE(MAX(position), 0) AS lastPosition FROM events')
      .get() as { events: number; lastPosition: number };
    return row;
  } finally {
    copy.close();
  }
}

/**
 * Puts a backup's event store (and signing key) into DATA_DIR. Refuses a damaged backup, and a DATA_DIR that holds
 * anything unless `force`, which replaces the stores there (the read models too: they are rebuilt after).
 */
export async function restoreBackup(config: AppConfig, dir: string, force: boolean): Promise<BackupManifest> {
  if (config.eventStore.kind !== 'sqlite') {
    throw new BackupRefused(
      `restore puts back the embedded SQLite event store; ${ownTools(config, 'restored')}`,
    );
  }
  const manifest = await readManifest(dir);
  const copy = join(dir, EVENTS_FILE);
  if ((await sha256(copy)) !== manifest.sha256) {
    throw new BackupRefused(`${copy} does not match the SHA-256 in ${MANIFEST_FILE}: the backup is damaged`);
  }
  const target = config.eventStore.filename;
  await mkdir(config.dataDir, { recursive: true });
  const present = await readdir(config.dataDir);
  if (present.length > 0) {
    if (!force) {
      throw new BackupRefused(
        `DATA_DIR ${config.dataDir} is not empty (${present.slice(0, 4).join(', ')}${present.length > 4 ? ', …' : ''}): ` +
          'restore into an empty folder, or give --force to replace its stores (stop the API and the worker first)',
      );
    }
    const stores = [target, ...(config.readStore.kind === 'sqlite' ? [config.readStore.filename] : [])];
    for (const file of stores.flatMap((store) => [store, `${store}-wal`, `${store}-shm`])) {
      await rm(file, { force: true });
    }
    await rm(join(config.dataDir, AUTH_SECRET_FILE), { force: true });
  }
  await copyFile(copy, `${target}.partial`);
  await rename(`${target}.partial`, target);
  if (manifest.authSecret) {
    await copySecret(join(dir, AUTH_SECRET_FILE), join(config.dataDir, AUTH_SECRET_FILE));
  }
  return manifest;
}

async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupRefused(`${dir} holds no ${MANIFEST_FILE}: not a backup, or one that did not finish`);
  }
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== 1)
    throw new BackupRefused(`${MANIFEST_FILE}: unknown format ${String(manifest.format)}`);
  return manifest;
}

async function copySecret(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  await chmod(to, 0o600);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
