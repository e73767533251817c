import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTH_SECRET_FILE, resolveAuthSecret } from './auth-secret';

describe('the token signing key', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'auth-secret-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is AUTH_SECRET when set, and writes no file', () => {
    const secret = 'x'.repeat(40);
    expect(resolveAuthSecret(dataDir, { AUTH_SECRET: secret })).toBe(secret);
    expect(() => statSync(join(dataDir, AUTH_SECRET_FILE))).toThrow();
  });

  it('refuses an AUTH_SECRET too short to sign with', () => {
    expect(() => resolveAuthSecret(dataDir, { AUTH_SECRET: 'secret' })).toThrow('at least 32 characters');
  });

  it('otherwise is made once, kept readable by the owner only, and the same on every later start', () => {
    const nested = join(dataDir, 'not-yet-there');
    const first = resolveAuthSecret(nested, {});
    const second = resolveAuthSecret(nested, {});

    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(second).toBe(first);
    expect(statSync(join(nested, AUTH_SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(nested, AUTH_SECRET_FILE), 'utf8').trim()).toBe(first);
  });

  it('reads AUTH_SECRET_FILE, the Docker secrets convention, without its trailing line feed', () => {
    const secret = 'f'.repeat(48);
    const file = join(dataDir, 'mounted-secret');
    writeFileSync(file, `${secret}\n`);
    expect(resolveAuthSecret(dataDir, { AUTH_SECRET_FILE: file })).toBe(secret);
    expect(() => statSync(join(dataDir, AUTH_SECRET_FILE))).toThrow();
  });

  it('refuses AUTH_SECRET and AUTH_SECRET_FILE together, and a file that cannot be read, naming the variable', () => {
    const file = join(dataDir, 'mounted-secret');
    writeFileSync(file, 'g'.repeat(48));
    expect(() => resolveAuthSecret(dataDir, { AUTH_SECRET: 'x'.repeat(40), AUTH_SECRET_FILE: file })).toThrow(
      'AUTH_SECRET and AUTH_SECRET_FILE are both set',
    );
    expect(() => resolveAuthSecret(dataDir, { AUTH_SECRET_FILE: join(dataDir, 'missing') })).toThrow(
      /AUTH_SECRET_FILE names .*missing, which cannot be read \(ENOENT\)/,
    );
  });

  it('in production, refuses to make a key up rather than sign with one no other process shares', () => {
    expect(() => resolveAuthSecret(dataDir, { NODE_ENV: 'production' })).toThrow(
      'NODE_ENV=production needs AUTH_SECRET (or AUTH_SECRET_FILE',
    );
    expect(() => statSync(join(dataDir, AUTH_SECRET_FILE))).toThrow();
    const secret = 'p'.repeat(40);
    expect(resolveAuthSecret(dataDir, { NODE_ENV: 'production', AUTH_SECRET: secret })).toBe(secret);
  });

  it('refuses a kept file that holds no usable secret rather than signing with it', () => {
    writeFileSync(join(dataDir, AUTH_SECRET_FILE), '\n');
    expect(() => resolveAuthSecret(dataDir, {})).toThrow('holds no usable secret');
  });

  it('is read from a data folder mounted read-only, which already holds it', () => {
    const source = join(dataDir, 'source');
    const mounted = join(dataDir, 'mounted');
    mkdirSync(source);
    mkdirSync(mounted);
    const made = resolveAuthSecret(source, {});
    if (!readOnlyBind(source, mounted)) return; // no bind mounts here (not root): nothing to check
    try {
      expect(() => writeFileSync(join(mounted, 'probe'), '')).toThrow(/EROFS/);
      expect(resolveAuthSecret(mounted, {})).toBe(made);
    } finally {
      execFileSync('umount', [mounted]);
    }
  });
});

/** A read-only view of `source` at `target`, as a container's read-only volume; false where mounting is not allowed. */
function readOnlyBind(source: string, target: string): boolean {
  try {
    execFileSync('mount', ['--bind', source, target], { stdio: 'ignore' });
  } catch {
    return false;
  }
  execFileSync('mount', ['-o', 'remount,bind,ro', target], { stdio: 'ignore' });
  return true;
}
