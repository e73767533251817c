import bcrypt from 'bcryptjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@liaison/event-store';
import { SqliteCredentialStore } from '@liaison/auth';
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

describe('create-admin on the command line', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const events = async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    try {
      return await store.readAll();
    } finally {
      await store.close();
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-admin-'));
    env = { DATA_DIR: dir, LOG_LEVEL: 'silent', EVENT_STORE: 'sqlite', AUTH_BCRYPT_COST: '4' };
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the first administrator on an empty store and prints a one-time password once', async () => {
    const run = io(env);
    expect(await main(['create-admin', '--username', 'root.admin'], run.io)).toBe(0);

    const password = /^one-time password: (\S+)$/m.exec(run.out.stdout)?.[1];
    expect(run.out.stdout).toContain('created administrator root.admin of henan (河南省)');
    const [created, ...rest] = await events();
    expect(rest).toEqual([]);
    expect(created).toMatchObject({
      streamId: 'user-root.admin',
      type: 'UserCreated',
      data: { username: 'root.admin', role: 'admin', unitId: 'henan', displayName: '系统管理员' },
      metadata: {
        actor: 'operator',
        role: 'admin',
        comment: 'first administrator, created on the command line',
      },
    });
    // The event names the credential; its hash is kept beside the log, in the same file, never in an event.
    const { credentialId } = created!.data as { credentialId: string };
    expect(Object.keys(created!.data as object)).not.toContain('passwordHash');
    const credentials = new SqliteCredentialStore(join(dir, 'events.sqlite'));
    try {
      expect(await bcrypt.compare(password!, credentials.hash(credentialId)!)).toBe(true);
    } finally {
      credentials.close();
    }
    expect(JSON.stringify([created!.data, created!.metadata])).not.toMatch(/\$2[aby]\$/);
    expect(JSON.stringify([created!.data, created!.metadata])).not.toContain(password!);
  });

  it('binds a municipal administrator to the city given, with the name and reason given', async () => {
    const run = io(env);
    const args = [
      '--username',
      'admin.nanyang',
      '--jurisdiction',
      'henan.nanyang',
      '--display-name',
      '南阳市管理员',
    ];
    expect(await main(['create-admin', ...args, '--reason', '市政府办通知'], run.io)).toBe(0);
    expect((await events())[0]).toMatchObject({
      data: { unitId: 'henan.nanyang', displayName: '南阳市管理员', reason: '市政府办通知' },
    });
  });

  it('refuses to overwrite an existing account, and appends nothing', async () => {
    expect(await main(['create-admin', '--username', 'root.admin'], io(env).io)).toBe(0);
    const again = io(env);
    expect(
      await main(['create-admin', '--username', 'root.admin', '--jurisdiction', 'henan.nanyang'], again.io),
    ).toBe(1);
    expect(again.out.stderr).toContain('user root.admin already exists');
    expect(again.out.stdout).toBe('');
    expect(await events()).toHaveLength(1);
  });

  it.each([
    [['create-admin'], 2, '--username NAME is required'],
    [['create-admin', '--username', 'a', '--jurisdiction', 'henan.atlantis'], 2, 'not a unit'],
    [['create-admin', '--username', 'root', '--role', 'clerk'], 2, "Unknown option '--role'"],
    [['create-admin', '--username', '__proto__'], 1, 'username must begin with a letter'],
  ])('%j exits %d: %s', async (argv, code, message) => {
    const run = io(env);
    expect(await main(argv, run.io)).toBe(code);
    expect(run.out.stderr).toContain(message);
    expect(run.out.stdout).not.toContain('one-time password');
  });
});
