import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from './support/app';
import { freePort, launchApi, requireBuild, spawnApi } from './support/processes';

describe('production mode (NODE_ENV=production)', () => {
  const root = mkdtempSync(join(tmpdir(), 'offices-production-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const env = (name: string) => ({
    NODE_ENV: 'production',
    DATA_DIR: join(root, name),
    LOG_LEVEL: 'error',
    QUEUE_PREFIX: `production-e2e-${process.pid}`,
  });

  beforeAll(() => requireBuild());

  it('refuses to start without AUTH_SECRET, naming it, and writes no key of its own', async () => {
    const service = spawnApi({ ...env('no-secret'), PORT: String(await freePort()) });
    expect(await service.exited).toBe(1);
    expect(service.stderr()).toContain('NODE_ENV=production needs AUTH_SECRET (or AUTH_SECRET_FILE');
    expect(existsSync(join(root, 'no-secret', 'auth-secret'))).toBe(false);
  });

  it('refuses the demo data', async () => {
    const service = spawnApi({ ...env('demo'), SEED_DEMO: 'true', AUTH_SECRET: 'k'.repeat(48), PORT: '0' });
    expect(await service.exited).toBe(1);
    expect(service.stderr()).toContain('SEED_DEMO is refused when NODE_ENV=production');
  });

  it('starts with the key in a secret file, and has no demo account to sign in with', async () => {
    const secretFile = join(root, 'auth-secret.txt');
    writeFileSync(secretFile, `${'s'.repeat(48)}\n`);
    const port = await freePort();
    const service = await launchApi({ ...env('secret-file'), AUTH_SECRET_FILE: secretFile }, port);
    try {
      const api = client(`http://127.0.0.1:${port}`);
      expect((await api.get('/health')).status).toBe(200);
      const login = await api.post('/auth/login', { username: 'admin', password: 'demo-password' });
      expect(login.status).toBe(401);
      expect((await api.get('/offices')).status).toBe(401);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    expect(readdirSync(join(root, 'secret-file'))).not.toContain('auth-secret');
  });
});
