import { DEMO_PASSWORD } from '@liaison/auth';
import { registration, specRedisUrl, startApp, type RunningApp } from './support/app';

/** The web console's cookie session: POST /auth/session, the session and csrf cookies, DELETE /auth/session. */
let running: RunningApp;

beforeAll(async () => {
  running = await startApp({ REDIS_URL: specRedisUrl(9) });
}, 30_000);

afterAll(() => running.close());

interface Session {
  cookie: string;
  csrf: string;
  setCookies: string[];
  reply: Response;
}

const call = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  fetch(`${running.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const json = (reply: Response): Promise<any> => reply.json();

/** The cookies of a Set-Cookie list, as a browser would send them back. */
function cookiesOf(setCookies: string[]): Record<string, string> {
  return Object.fromEntries(setCookies.map((line) => line.split(';')[0]!.split('=') as [string, string]));
}

async function signIn(username: string, password = DEMO_PASSWORD): Promise<Session> {
  const reply = await call('POST', '/auth/session', {}, { username, password });
  const setCookies = reply.headers.getSetCookie();
  const cookies = cookiesOf(setCookies);
  return {
    cookie: `session=${cookies.session}; csrf=${cookies.csrf}`,
    csrf: cookies.csrf ?? '',
    setCookies,
    reply,
  };
}

describe('the cookie session', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and a readable csrf cookie; no token in the answer', async () => {
    const session = await signIn('approver.xichuan');
    expect(session.reply.status).toBe(200);
    const body = await json(session.reply);
    expect(body.user).toMatchObject({ username: 'approver.xichuan', role: 'approver', tier: 'county' });
    expect(body.accessToken).toBeUndefined();
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(7.9 * 3600 * 1000);
    const [sessionCookie] = session.setCookies.filter((line) => line.startsWith('session='));
    const [csrfCookie] = session.setCookies.filter((line) => line.startsWith('csrf='));
    expect(sessionCookie).toMatch(/; HttpOnly/);
    expect(sessionCookie).toMatch(/; SameSite=Strict/);
    expect(sessionCookie).toMatch(/; Path=\//);
    expect(sessionCookie).not.toMatch(/; Secure/); // plain http, not production
    expect(csrfCookie).not.toMatch(/HttpOnly/);
    expect(csrfCookie).toMatch(/; SameSite=Strict/);
    expect(session.csrf.length).toBeGreaterThanOrEqual(32);
  });

  it('is Secure in production', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const session = await signIn('approver.xichuan');
      for (const line of session.setCookies) expect(line).toMatch(/; Secure/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  it('refuses a wrong password as POST /auth/login does, setting no cookie', async () => {
    const session = await signIn('approver.xichuan', 'wrong');
    expect(session.reply.status).toBe(401);
    expect(session.setCookies).toEqual([]);
  });

  it('authenticates reads with the cookie alone', async () => {
    const session = await signIn('clerk.xichuan');
    const me = await call('GET', '/auth/me', { cookie: session.cookie });
    expect(me.status).toBe(200);
    expect((await json(me)).username).toBe('clerk.xichuan');
    expect((await call('GET', '/auth/me', { cookie: 'session=forged' })).status).toBe(401);
  });

  it('refuses a change without X-CSRF-Token, or with a wrong one, and changes nothing', async () => {
    const session = await signIn('clerk.xichuan');
    const body = registration('henan.nanyang.xichuan', 'zhengzhou');
    const missing = await call('POST', '/offices', { cookie: session.cookie }, body);
    expect(missing.status).toBe(403);
    expect((await json(missing)).code).toBe('csrf');
    const wrong = await call(
      'POST',
      '/offices',
      { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(32) },
      body,
    );
    expect(wrong.status).toBe(403);
    expect((await json(wrong)).code).toBe('csrf');
    // As many characters as the token, but not ASCII: refused the same way, not a 500.
    const latin = '\u00e9'.repeat(session.csrf.length);
    const odd = await call('POST', '/offices', { cookie: session.cookie, 'x-csrf-token': latin }, body);
    expect(odd.status).toBe(403);
    const offices = await call('GET', '/offices', { cookie: session.cookie });
    expect((await json(offices)).items).toEqual([]);
    const right = await call(
      'POST',
      '/offices',
      { cookie: session.cookie, 'x-csrf-token': session.csrf },
      body,
    );
    expect(right.status).toBe(201);
  });

  it('leaves bearer tokens as they were: no CSRF header needed, and the header wins over a cookie', async () => {
    const login = await call('POST', '/auth/login', {}, { username: 'clerk.xixia', password: DEMO_PASSWORD });
    const { accessToken } = await json(login);
    const created = await call(
      'POST',
      '/offices',
      { authorization: `Bearer ${accessToken}`, cookie: 'session=forged' },
      registration('henan.nanyang.xixia', 'zhengzhou'),
    );
    expect(created.status).toBe(201);
  });

  it('keeps the one-time password rules, and a password change renews the cookie', async () => {
    const admin = await json(
      await call('POST', '/auth/login', {}, { username: 'admin', password: DEMO_PASSWORD }),
    );
    const created = await call(
      'POST',
      '/users',
      { authorization: `Bearer ${admin.accessToken}` },
      {
        username: 'clerk.session',
        displayName: '会话联络员',
        role: 'clerk',
        unitId: 'henan.nanyang.xichuan',
        reason: '到岗',
      },
    );
    expect(created.status).toBe(201);
    const oneTime = (await json(created)).oneTimePassword;
    const first = await signIn('clerk.session', oneTime);
    expect(first.reply.status).toBe(200);
    expect((await json(first.reply)).passwordChangeRequired).toBe(true);
    expect((await call('GET', '/offices', { cookie: first.cookie })).status).toBe(403);
    const changed = await call(
      'POST',
      '/auth/password',
      { cookie: first.cookie, 'x-csrf-token': first.csrf },
      { currentPassword: oneTime, newPassword: 'a-password-of-mine' },
    );
    expect(changed.status).toBe(200);
    expect((await json(changed)).accessToken).toBeUndefined();
    const renewed = cookiesOf(changed.headers.getSetCookie());
    expect((await call('GET', '/offices', { cookie: first.cookie })).status).toBe(401);
    expect((await call('GET', '/offices', { cookie: `session=${renewed.session}` })).status).toBe(200);
  });

  it('signs out: both cookies cleared', async () => {
    const session = await signIn('approver.xichuan');
    const out = await call('DELETE', '/auth/session', {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
    });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie();
    expect(cleared.find((line) => line.startsWith('session=;'))).toMatch(
      /Expires=Thu, 01 Jan 1970|Max-Age=0/,
    );
    expect(cleared.find((line) => line.startsWith('csrf=;'))).toBeDefined();
  });
});
