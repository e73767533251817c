import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chained, SqliteEventStore } from '@liaison/event-store';
import { EXIT_TAMPERED } from './audit.command';
import { copyOnline, type PageProgress } from './backup';
import { main } from './main';

function io(env: NodeJS.ProcessEnv) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      env,
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
  };
}

describe('the online copy of a SQLite store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cli-backup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('ends under writes between every two steps, with the database as it stood at one commit', async () => {
    const file = join(dir, 'store.sqlite');
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.exec('CREATE TABLE rows (n INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = writer.prepare('INSERT INTO rows (body) VALUES (?)');
    writer.transaction(() => {
      for (let i = 0; i < 4000; i++) insert.run('x'.repeat(1000)); // about 1,000 pages: several steps
    })();
    const reports: PageProgress[] = [];
    // Another connection commits after every step, as a busy service would: each write starts the copy over.
    const done = await copyOnline(file, join(dir, 'copy.sqlite'), (progress) => {
      reports.push(progress);
      if (progress.copied < progress.total) insert.run('written during the copy');
    });

    expect(done.restarts).toBeGreaterThan(0);
    expect(done.pagesPerStep).toBeGreaterThan(256);
    expect(done.copied).toBe(done.total);
    expect(reports.at(-1)).toEqual(done);
    const copy = new Database(join(dir, 'copy.sqlite'), { readonly: true });
    const count = (db: Database.Database) => db.prepare('SELECT COUNT(*) FROM rows').pluck().get();
    // The last pass copied everything in one step, after the last write: the copy is the store as it is now.
    expect(count(copy)).toBe(count(writer));
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    writer.close();
  });
});

describe('backup and restore on the command line', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cli-backup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up only into a new or empty folder, and only a store that exists', async () => {
    const env = { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
    writeFileSync(join(dir, 'earlier-backup.txt'), '');
    const full = io(env);
    expect(await main(['backup', dir], full.io)).toBe(1);
    expect(full.out.stderr).toContain(`backup refused: ${dir} is not empty`);
    const none = io(env);
    expect(await main(['backup', join(dir, 'new')], none.io)).toBe(1);
    expect(none.out.stderr).toContain('there is no event store at');
  });

  it('restores nothing from a folder that holds no finished backup, or a damaged one', async () => {
    const env = { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
    const missing = io(env);
    expect(await main(['restore', dir], missing.io)).toBe(1);
    expect(missing.out.stderr).toContain('holds no backup.json');

    writeFileSync(join(dir, 'events.sqlite'), 'not what was backed up');
    writeFileSync(join(dir, 'backup.json'), JSON.stringify({ format: 1, sha256: '0'.repeat(64) }));
    const damaged = io(env);
    expect(await main(['restore', dir], damaged.io)).toBe(1);
    expect(damaged.out.stderr).toContain('the backup is damaged');
  });

  it('refuses the EventStoreDB deployment, whose server has its own backup', async () => {
    const run = io({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false', DATA_DIR: dir });
    expect(await main(['backup', join(dir, 'b')], run.io)).toBe(1);
    expect(run.out.stderr).toContain('EventStoreDB is backed up with its own tools');
  });

  it("refuses the PostgreSQL event store, backed up with PostgreSQL's tools, before connecting to it", async () => {
    const env = {
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: 'postgres://nobody@127.0.0.1:1/none',
      DATA_DIR: dir,
    };
    const backup = io(env);
    expect(await main(['backup', join(dir, 'b')], backup.io)).toBe(1);
    expect(backup.out.stderr).toContain("the PostgreSQL event store is backed up with PostgreSQL's tools");
    const restore = io(env);
    expect(await main(['restore', join(dir, 'b')], restore.io)).toBe(1);
    expect(restore.out.stderr).toContain('the PostgreSQL event store is restored with');
  });

  it('restores a backup whose log was altered, says where, and rebuilds nothing from it', async () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    const store = chained(new SqliteEventStore({ filename: join(data, 'events.sqlite') }));
    for (let i = 0; i < 3; i++) {
      const metadata = { actor: 'clerk.xichuan', role: 'clerk', occurredAt: '2015-10-20T02:00:00.000Z' };
      await store.append(
        'office-1',
        [
          {
            id: randomUUID(),
            type: `Step${i}`,
            data: { i },
            metadata: { ...metadata, correlationId: 'c', causationId: 'c' },
          },
        ],
        { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) },
      );
    }
    await store.close();
    const backup = join(dir, 'backup');
    expect(await main(['backup', backup], io({ DATA_DIR: data }).io)).toBe(0);

    // Someone with the backup in hand changes an event and the manifest's hash to match.
    const copy = new Database(join(backup, 'events.sqlite'));
    copy.prepare(`UPDATE events SET data = '{"i":7}' WHERE revision = 1`).run();
    copy.close();
    const manifest = JSON.parse(readFileSync(join(backup, 'backup.json'), 'utf8'));
    manifest.sha256 = createHash('sha256')
      .update(readFileSync(join(backup, 'events.sqlite')))
      .digest('hex');
    writeFileSync(join(backup, 'backup.json'), JSON.stringify(manifest));

    const restored = join(dir, 'restored');
    const run = io({ DATA_DIR: restored });
    expect(await main(['restore', backup], run.io)).toBe(EXIT_TAMPERED);
    expect(run.out.stdout).toMatch(/NOT INTACT[^]*stream office-1, revision 1/);
    expect(existsSync(join(restored, 'read-models.sqlite'))).toBe(false);
  });

  it('takes one folder, and --force only for restore', async () => {
    expect(await main(['backup'], io({ DATA_DIR: dir }).io)).toBe(2);
    expect(await main(['backup', 'a', '--force'], io({ DATA_DIR: dir }).io)).toBe(2);
    expect(await main(['restore', 'a', 'b'], io({ DATA_DIR: dir }).io)).toBe(2);
  });
});
