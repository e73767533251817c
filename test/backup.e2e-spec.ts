import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedIn } from './support/app';
import { officeLife } from './support/office-life';
import { freePort, launchApi, requireBuild, runCli } from './support/processes';

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

/** Every row of every table, in a fixed order; the checkpoints without the time they were written. */
function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((table) => {
        const columns = (db.pragma(`table_info(${table})`) as { name: string }[])
          .map((column) => column.name)
          .filter((column) => !(table === 'checkpoints' && column === 'updated_at'));
        const list = columns.map((column) => `"${column}"`).join(', ');
        return [table, db.prepare(`SELECT ${list} FROM "${table}" ORDER BY ${list}`).all()];
      }),
    );
  } finally {
    db.close();
  }
}

describe('backup under load, and restore', () => {
  const root = mkdtempSync(join(tmpdir(), 'offices-backup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("restores the log as it stood at one commit: its chains verify and its read models rebuild equal to the source's", async () => {
    requireBuild();
    const [source, backup, restored, reference] = ['source', 'backup', 'restored', 'reference'].map((name) =>
      join(root, name),
    ) as [string, string, string, string];
    const port = await freePort();
    const service = await launchApi(
      {
        DATA_DIR: source,
        LOG_LEVEL: 'error',
        SEED_DEMO: 'true', // the demo users, to sign in
        AUTH_BCRYPT_COST: '4',
        QUEUE_PREFIX: `backup-e2e-${process.pid}`,
      },
      port,
    );
    let acknowledged = 0;
    let stop = false;
    let backupRun: Awaited<ReturnType<typeof runCli>>;
    let duringBackup: number;
    try {
      const api = await signedIn(`http://127.0.0.1:${port}`, 'clerk.tanghe');
      // Eight clients take offices through their lives, one command after another, until told to stop.
      const load = Promise.all(
        Array.from({ length: 8 }, async () => {
          while (!stop) {
            for (const step of officeLife(randomUUID())) {
              const reply = await api.post(step.path, step.body, { 'idempotency-key': step.key });
              if (reply.status >= 300) throw new Error(`${step.path}: ${JSON.stringify(reply.body)}`);
              acknowledged += 1;
            }
          }
        }),
      );
      // A failed command ends the load; the waits below then end too, and `await load` throws it.
      load.catch(() => (stop = true));
      await until(() => stop || acknowledged >= 150);
      const before = acknowledged;
      backupRun = await runCli(['backup', backup], { DATA_DIR: source });
      duringBackup = acknowledged - before;
      const after = acknowledged;
      await until(() => stop || acknowledged >= after + 40);
      stop = true;
      await load;
    } finally {
      stop = true;
      service.child.kill('SIGTERM');
      await service.exited;
    }

    expect(backupRun).toMatchObject({ code: 0, stdout: expect.stringMatching(/^backed up [\d,]+ events/) });
    expect(backupRun.stderr).toMatch(/100%\s+\d+ \/ \d+ pages/);
    expect(duringBackup).toBeGreaterThan(0); // commands were answered while the backup ran
    const manifest = JSON.parse(readFileSync(join(backup, 'backup.json'), 'utf8'));
    const sourceEvents = dump(join(source, 'events.sqlite')).events!;
    expect(manifest.events).toBeLessThan(sourceEvents.length); // the source went on after the backup point

    const restoreRun = await runCli(['restore', backup], { DATA_DIR: restored });
    expect(restoreRun.code).toBe(0);
    expect(restoreRun.stdout).toContain(`intact: ${manifest.events.toLocaleString('en-US')} events`);
    expect(restoreRun.stderr).toMatch(/rebuilt: [\d,]+ events/);

    // The reference: the source's own log cut at the backup point, its read models rebuilt from that.
    mkdirSync(reference);
    copyFileSync(join(source, 'events.sqlite'), join(reference, 'events.sqlite'));
    const cut = new Database(join(reference, 'events.sqlite'));
    cut.prepare('DELETE FROM events WHERE position > ?').run(manifest.lastPosition);
    cut.close();
    expect((await runCli(['rebuild'], { DATA_DIR: reference })).code).toBe(0);

    const restoredEvents = dump(join(restored, 'events.sqlite')).events;
    expect(restoredEvents).toEqual(
      sourceEvents.filter((row) => (row as { position: number }).position <= manifest.lastPosition),
    );
    const readModels = dump(join(restored, 'read-models.sqlite'));
    expect(Object.keys(readModels)).toContain('offices');
    expect((readModels.offices ?? []).length).toBeGreaterThan(12); // the demo's and those registered under load
    expect(readModels).toEqual(dump(join(reference, 'read-models.sqlite')));
    // The signing key came along: tokens issued before the backup still verify after a restore.
    expect(readFileSync(join(restored, 'auth-secret'), 'utf8')).toBe(
      readFileSync(join(source, 'auth-secret'), 'utf8'),
    );

    // Restoring again over the restored store is refused without --force, and replaces it with --force.
    const refused = await runCli(['restore', backup], { DATA_DIR: restored });
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('is not empty') });
    const forced = await runCli(['restore', backup, '--force'], { DATA_DIR: restored });
    expect(forced.code).toBe(0);
    expect(dump(join(restored, 'read-models.sqlite'))).toEqual(readModels);
  }, 180000);
});
