import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@liaison/auth';
import { main as cli } from '../apps/cli/src/main';
import { signedIn, startApp, type RunningApp } from './support/app';
import { accountsAt, REASON } from './support/users';

/**
 * Password hashes never go into the event log: an account's events name the credential (`credentialId`), whose hash
 * is kept beside the log (docs/security.md). A log written before keeps its hashes (the hash chain covers them),
 * withheld by every view and copied beside it by `npm run migrate`.
 */
const BCRYPT = /\$2[aby]\$\d\d\$/;
const FIXTURE = join(__dirname, 'fixtures', 'store-before-deadline-events', 'events.sqlite');

function quietIo(env: NodeJS.ProcessEnv) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      env,
      stdout: { write: (text: string) => ((out.stdout += text), true) },
      stderr: { write: (text: string) => ((out.stderr += text), true) },
    } as never,
  };
}

function rows(dataDir: string, sql: string): Record<string, unknown>[] {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

async function exported(base: string, token: string, type: string): Promise<string> {
  const reply = await fetch(`${base}/events/export?type=${type}&format=jsonl`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(reply.status).toBe(200);
  return reply.text();
}

async function adminToken(base: string): Promise<string> {
  const reply = await accountsAt(base).login('admin', DEMO_PASSWORD);
  return reply.body.accessToken as string;
}

describe('accounts set up and changed now', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  }, 30_000);

  afterAll(async () => {
    await running.close();
  });

  it('record no hash in any event; the one hash in force is kept beside the log, the ones before it deleted', async () => {
    const admin = await signedIn(running.url, 'admin');
    const { enrol, login } = accountsAt(running.url);
    const user = await enrol(admin, {
      username: 'clerk.xinye',
      displayName: '新野县联络员',
      role: 'clerk',
      unitId: 'henan.nanyang.xinye',
    });
    expect((await user.get('/auth/me')).status).toBe(200);
    const reset = await admin.post('/users/clerk.xinye/password-reset', { reason: REASON });
    expect(reset.status).toBe(200);
    expect((await login('clerk.xinye', reset.body.oneTimePassword)).status).toBe(200);

    const stored = rows(running.dataDir, "SELECT type, data FROM events WHERE stream_id LIKE 'user-%'");
    expect(stored.map((row) => row.type)).toEqual(
      expect.arrayContaining(['UserRegistered', 'UserCreated', 'PasswordChanged', 'PasswordReset']),
    );
    for (const row of stored) {
      expect(String(row.data)).not.toMatch(BCRYPT);
      expect(Object.keys(JSON.parse(String(row.data)))).not.toContain('passwordHash');
    }
    const token = await adminToken(running.url);
    for (const type of ['UserRegistered', 'UserCreated', 'PasswordChanged', 'PasswordReset']) {
      expect(JSON.stringify((await admin.get(`/events?type=${type}&limit=500`)).body)).not.toMatch(BCRYPT);
      expect(await exported(running.url, token, type)).not.toMatch(BCRYPT);
    }
    expect(JSON.stringify((await admin.get('/users/clerk.xinye/history')).body)).not.toMatch(BCRYPT);

    const kept = rows(running.dataDir, "SELECT id FROM credentials WHERE username = 'clerk.xinye'");
    const inForce = stored
      .map((row) => JSON.parse(String(row.data)) as { username: string; credentialId?: string })
      .filter((data) => data.username === 'clerk.xinye' && data.credentialId)
      .at(-1)!.credentialId;
    expect(kept).toEqual([{ id: inForce }]);
  });
});

describe('a log written before credentials left it', () => {
  const root = mkdtempSync(join(tmpdir(), 'credentials-e2e-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function olderStore(name: string): string {
    const dataDir = join(root, name);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    copyFileSync(FIXTURE, join(dataDir, 'events.sqlite'));
    return dataDir;
  }

  it('migrate copies the hashes in force beside the log, once; the log is unchanged and still verifies', async () => {
    const dataDir = olderStore('migrated');
    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', READ_STORE_URL: '' };
    const legacy = rows(dataDir, "SELECT event_id AS id, data FROM events WHERE data LIKE '%passwordHash%'");
    expect(legacy.length).toBeGreaterThan(0);

    const first = quietIo(env);
    expect(await cli(['migrate'], first.io)).toBe(0);
    expect(first.out.stdout).toContain(`copied ${legacy.length} password hashes`);
    const kept = rows(dataDir, 'SELECT id, password_hash FROM credentials ORDER BY id');
    const expected = legacy
      .map((row) => ({ id: row.id, password_hash: JSON.parse(String(row.data)).passwordHash }))
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(kept).toEqual(expected);

    const again = quietIo(env);
    expect(await cli(['migrate'], again.io)).toBe(0);
    expect(again.out.stdout).toContain('copied 0 password hashes');
    expect(rows(dataDir, "SELECT event_id FROM events WHERE data LIKE '%passwordHash%'")).toHaveLength(
      legacy.length,
    );
    const verify = quietIo(env);
    expect(await cli(['verify'], verify.io)).toBe(0);
  });

  it('signs in with a hash from the log, withholds it in every view, and a new password leaves the log', async () => {
    const dataDir = olderStore('served');
    const running = await startApp({ DATA_DIR: dataDir });
    try {
      const admin = await signedIn(running.url, 'admin');
      const token = await adminToken(running.url);
      for (const type of ['UserRegistered', 'PasswordChanged']) {
        const events = await admin.get(`/events?type=${type}&limit=500`);
        expect(JSON.stringify(events.body)).not.toMatch(BCRYPT);
        expect(await exported(running.url, token, type)).not.toMatch(BCRYPT);
      }
      const history = await admin.get('/users/admin/history');
      expect(history.body.items[0].data.passwordHash).toBe('(withheld)');

      const changed = await admin.post('/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'a-new-password-of-mine',
      });
      expect(changed.status).toBe(200);
      const { login } = accountsAt(running.url);
      expect((await login('admin', DEMO_PASSWORD)).status).toBe(401);
      expect((await login('admin', 'a-new-password-of-mine')).status).toBe(200);
      const [last] = rows(
        dataDir,
        "SELECT data FROM events WHERE stream_id = 'user-admin' ORDER BY position DESC LIMIT 1",
      );
      expect(String(last!.data)).not.toMatch(BCRYPT);
      // The older hash is no longer kept beside the log; the log keeps its own, withheld.
      expect(rows(dataDir, "SELECT id FROM credentials WHERE username = 'admin'")).toEqual([
        { id: JSON.parse(String(last!.data)).credentialId },
      ]);
    } finally {
      await running.close();
    }
  });
});
