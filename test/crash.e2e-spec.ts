import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedIn } from './support/app';
import { officeLife as steps } from './support/office-life';
import { freePort, launchApi, requireBuild, type Service } from './support/processes';

function launch(dataDir: string, port: number): Promise<Service> {
  return launchApi(
    {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      // The demo users are needed to sign in; the demo offices come along and are left out of the counts below.
      SEED_DEMO: 'true',
      AUTH_BCRYPT_COST: '4',
    },
    port,
  );
}

describe('kill -9 during a burst of commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'offices-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged event and duplicates none when every command is resent after a restart', async () => {
    requireBuild();
    const port = await freePort();
    const offices = Array.from({ length: 60 }, () => randomUUID());
    const acknowledged = new Map<string, { id: string; revision: number }[]>();

    let service = await launch(dataDir, port);
    const api = await signedIn(`http://127.0.0.1:${port}`, 'admin');
    let killed = false;
    const burst = async (mine: string[]) => {
      for (const officeId of mine) {
        for (const step of steps(officeId)) {
          if (killed) return;
          try {
            const reply = await api.post(step.path, step.body, { 'idempotency-key': step.key });
            if (reply.status < 300) acknowledged.set(step.key, reply.body.events);
          } catch {
            return; // the connection died with the process
          }
          if (acknowledged.size === 100 && !killed) {
            killed = true;
            service.child.kill('SIGKILL');
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, i) => burst(offices.filter((_, j) => j % 12 === i))));
    await service.exited;
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(100);

    service = await launch(dataDir, port);
    try {
      // Clients resend everything they did not see acknowledged, and (to be sure) what they did.
      await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          for (const officeId of offices.filter((_, j) => j % 12 === i)) {
            for (const step of steps(officeId)) {
              const reply = await api.post(step.path, step.body, { 'idempotency-key': step.key });
              expect(reply.status).toBeLessThan(300);
              const before = acknowledged.get(step.key);
              if (before) expect(reply.body.events).toEqual(before);
            }
          }
        }),
      );
      for (const officeId of offices) {
        const history = (await api.get(`/offices/${officeId}/history`)).body.items;
        expect(history.map((e: any) => e.type)).toEqual([
          'OfficeRegistered',
          'OfficeAbolished',
          'StaffPlaced',
          'OfficeClosed',
        ]);
      }
      const closed = await api.get('/offices?status=closed&unitId=henan.nanyang.tanghe&pageSize=500');
      expect(closed.body.total).toBe(offices.length);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }

    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Only this test's offices: the demo data shares the store.
      const ours = offices.map(() => '?').join(',');
      const counts = db
        .prepare(
          `SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM events WHERE stream_id IN (${ours})`,
        )
        .get(...offices.map((id) => `office-${id}`)) as { n: number; ids: number };
      expect(counts).toEqual({ n: offices.length * 4, ids: offices.length * 4 });
    } finally {
      db.close();
    }
  }, 120000);
});
