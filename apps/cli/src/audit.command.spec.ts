import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chained, SqliteEventStore } from '@liaison/event-store';
import { EXIT_TAMPERED } from './audit.command';
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

describe('verify and anchor on the command line', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-audit-'));
    env = { DATA_DIR: dir, LOG_LEVEL: 'silent', EVENT_STORE: 'sqlite' };
    const store = chained(new SqliteEventStore({ filename: join(dir, 'events.sqlite') }));
    for (let i = 0; i < 3; i++) {
      await store.append(
        'office-1',
        [
          {
            id: randomUUID(),
            type: `Step${i}`,
            data: { i },
            metadata: {
              actor: 'clerk.xichuan',
              role: 'clerk',
              correlationId: randomUUID(),
              causationId: randomUUID(),
              occurredAt: '2015-10-20T02:00:00.000Z',
            },
          },
        ],
        { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) },
      );
    }
    await store.close();
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says an intact record is intact, anchors it and prints the hash to publish', async () => {
    const verified = io(env);
    expect(await main(['verify'], verified.io)).toBe(0);
    expect(verified.out.stdout).toMatch(/^intact: 3 events in 1 streams/);
    const anchored = io(env);
    expect(await main(['anchor'], anchored.io)).toBe(0);
    expect(anchored.out.stdout).toMatch(/anchor hash: [0-9a-f]{64}/);
    const json = io(env);
    expect(await main(['verify', '--json'], json.io)).toBe(0);
    expect(JSON.parse(json.out.stdout)).toMatchObject({ intact: true, events: 4, anchors: 1 });
  });

  it('names the first event that is not intact, with its own exit code', async () => {
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare(`UPDATE events SET type = 'Forged' WHERE stream_id = 'office-1' AND revision = 1`).run();
    db.close();
    const verified = io(env);
    expect(await main(['verify'], verified.io)).toBe(EXIT_TAMPERED);
    expect(verified.out.stdout).toMatch(/NOT INTACT/);
    expect(verified.out.stdout).toMatch(/stream office-1, revision 1/);
    const anchored = io(env);
    expect(await main(['anchor'], anchored.io)).toBe(EXIT_TAMPERED);
    expect(await main(['verify', '--bogus'], io(env).io)).toBe(2);
  });
});
