import { client, signedIn, startApp, type Client, type RunningApp } from './support/app';

// Headers a browser acts on, on the API's own pages (Swagger UI, Bull Board), on a console's / and on sign-in.
let running: RunningApp;
let admin: Client;

beforeAll(async () => {
  running = await startApp();
  admin = await signedIn(running.url, 'admin');
});

afterAll(async () => {
  await running.close();
});

function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  const policy = headers.get('content-security-policy') ?? '';
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("style-src 'self' 'unsafe-inline'");
  expect(policy).toContain("img-src 'self' data:");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toMatch(/https?:|\*/);
  expect(policy).not.toContain("'unsafe-eval'");
}

/** Every <script> a page runs must come from this origin: the policy allows no inline script. */
function expectOnlyOwnScripts(html: string): void {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes, body] of scripts) {
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attributes!)?.[1];
    if (src) expect(src).not.toMatch(/^(?:https?:)?\/\//);
    else
      expect({ attributes, body: body!.trim() }).toMatchObject({ attributes: expect.stringMatching(/json/) });
  }
}

describe('security headers', () => {
  it('on / (where a console will be served)', async () => {
    const reply = await client(running.url).get('/');
    expectSecurityHeaders(reply.headers);
  });

  it('on the Swagger UI at /docs, whose scripts all come from here', async () => {
    const page = await client(running.url).get('/docs');
    expect(page.status).toBe(200);
    expectSecurityHeaders(page.headers);
    expectOnlyOwnScripts(String(page.body));
    const init = await client(running.url).get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expectSecurityHeaders((await client(running.url).get('/docs/openapi.json')).headers);
  });

  it('on Bull Board at /admin/queues, whose scripts all come from here', async () => {
    const page = await admin.get('/admin/queues');
    expect(page.status).toBe(200);
    expectSecurityHeaders(page.headers);
    expectOnlyOwnScripts(String(page.body));
    expect(page.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders((await client(running.url).get('/admin/queues')).headers);
  });

  it('on sign-in, whose answer no cache may keep', async () => {
    const signIn = await client(running.url).post('/auth/login', {
      username: 'admin',
      password: 'demo-password',
    });
    expect(signIn.status).toBe(200);
    expectSecurityHeaders(signIn.headers);
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    const refused = await client(running.url).post('/auth/login', {
      username: 'admin',
      password: 'wrong-one',
    });
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('no-store on every answer to a request that carries a token', async () => {
    const offices = await admin.get('/offices');
    expect(offices.status).toBe(200);
    expect(offices.headers.get('cache-control')).toBe('no-store');
    const reference = await client(running.url).get('/rules');
    expect(reference.headers.get('cache-control')).toBeNull();
  });
});
