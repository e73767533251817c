import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedIn } from './support/app';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

interface Service {
  child: ChildProcess;
  /** Captured at spawn: a listener attached after the exit would never fire. */
  exited: Promise<unknown>;
}

async function launch(dataDir: string, port: number): Promise<Service> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'error',
      // The demo users are needed to sign in; the demo offices come along and are left out of the counts below.
      SEED_DEMO: 'true',
      AUTH_BCRYPT_COST: '4',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return { child, exited };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the service did not start');
}

/** Each office's life as the client sends it; keys make every step safe to resend. */
function steps(officeId: string) {
  return [
    {
      path: '/offices',
      key: `${officeId}-register`,
      body: {
        officeId,
        name: '唐河县人民政府驻郑州办事处',
        sponsorUnitId: 'henan.nanyang.tanghe',
        hostCityId: 'zhengzhou',
        staff: [{ staffId: 's-1', name: '孙磊' }],
      },
    },
    {
      path: `/offices/${officeId}/abolition`,
      key: `${officeId}-abolish`,
      body: { decisionReference: '唐政〔2015〕8号' },
    },
    {
      path: `/offices/${officeId}/staff-placements`,
      key: `${officeId}-place`,
      body: { staffId: 's-1', placement: 'returned-to-sponsor', destination: '唐河县政府办' },
    },
    { path: `/offices/${officeId}/closure`, key: `${officeId}-close`, body: {} },
  ];
}

describe('kill -9 during a burst of commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'offices-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged event and duplicates none when every command is resent after a restart', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
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
