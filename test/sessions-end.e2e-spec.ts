import { JwtService } from '@nestjs/jwt';
import { DEMO_PASSWORD } from '@liaison/auth';
import { client, startApp, type RunningApp } from './support/app';
import { accountsAt } from './support/users';

/**
 * Sessions that end: each request checks the token against the account as it stands (its generation, moved on by a
 * password change, a reset or disabling, and its session version, moved on by signing out); a token for an account
 * that does not exist is refused however well it is signed.
 */
let running: RunningApp;
let accounts: ReturnType<typeof accountsAt>;

beforeAll(async () => {
  running = await startApp();
  accounts = accountsAt(running.url);
}, 30_000);

afterAll(() => running.close());

async function token(username: string, password = DEMO_PASSWORD): Promise<string> {
  const reply = await accounts.login(username, password);
  expect(reply.status).toBe(200);
  return reply.body.accessToken as string;
}

describe('a session ends', () => {
  it('when its user changes the password: the token from before is refused at once', async () => {
    const before = await token('clerk.xichuan');
    const other = await token('clerk.xichuan');
    const changed = await accounts.bearer(before).post('/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'a-password-of-mine',
    });
    expect(changed.status).toBe(200);
    for (const old of [before, other]) {
      const refused = await accounts.bearer(old).get('/auth/me');
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('token-revoked');
    }
    expect((await accounts.bearer(changed.body.accessToken).get('/auth/me')).status).toBe(200);
  });

  it('when its user signs out with the bearer token: every token of the account is refused', async () => {
    const first = await token('approver.xichuan');
    const second = await token('approver.xichuan');
    const out = await client(running.url).delete('/auth/session', { authorization: `Bearer ${first}` });
    expect(out.status).toBe(204);
    for (const ended of [first, second]) {
      const refused = await accounts.bearer(ended).get('/tasks');
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('token-revoked');
    }
    // Signing out again with the ended token is no error, and a new sign-in works.
    expect(
      (await client(running.url).delete('/auth/session', { authorization: `Bearer ${first}` })).status,
    ).toBe(204);
    expect((await accounts.bearer(await token('approver.xichuan')).get('/tasks')).status).toBe(200);
  });

  it('when the console signs out: the cookie’s token is refused even if a copy of it is kept', async () => {
    const session = await fetch(`${running.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor.nanyang', password: DEMO_PASSWORD }),
    });
    const cookie = session.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const read = () => fetch(`${running.url}/auth/me`, { headers: { cookie } });
    expect((await read()).status).toBe(200);
    const out = await fetch(`${running.url}/auth/session`, { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBe(204);
    expect((await read()).status).toBe(401);
  });

  it('never begins for a correctly signed token of an account that does not exist', async () => {
    const jwt = running.app.get(JwtService);
    const forged = await jwt.signAsync({ sub: 'ghost', name: 'ghost', role: 'admin', unit: 'henan', gen: 0 });
    const refused = await accounts.bearer(forged).get('/users');
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain('ghost');
  });
});
