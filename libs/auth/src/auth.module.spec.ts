import { Controller, Get, Global, Module, Param, ValidationPipe } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@liaison/event-store';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, ExecuteCommandHandler, OFFICE_CONTEXT } from '@liaison/application';
import { officeContext } from '@liaison/domain';
import { AuthModule } from './auth.module';
import { Authorizer } from './authorizer';
import { CurrentUser } from './current-user.decorator';
import { DEMO_PASSWORD, seedDemoUsers } from './demo-users';
import type { UserAccount } from './identity';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { UserDirectory } from './user-accounts';

/** Stands in for the global RuntimeModule and the app's command handler: what AuthModule needs from them. */
function runtimeStandIn(store: SqliteEventStore) {
  @Global()
  @Module({
    imports: [CqrsModule.forRoot()],
    providers: [
      { provide: EVENT_STORE, useValue: store },
      { provide: OFFICE_CONTEXT, useFactory: officeContext },
      ExecuteCommandHandler,
    ],
    exports: [EVENT_STORE, OFFICE_CONTEXT],
  })
  class RuntimeStandIn {}
  return RuntimeStandIn;
}

@Controller('things')
class ThingsController {
  constructor(private readonly authorizer: Authorizer) {}

  @Get()
  mine(@CurrentUser() user: UserAccount) {
    return { username: user.username, role: user.role };
  }

  @Public()
  @Get('open')
  open() {
    return { open: true };
  }

  @Roles('admin')
  @Get('admin-only')
  adminOnly() {
    return { admin: true };
  }

  @Get('offices/:sponsor')
  office(@CurrentUser() user: UserAccount, @Param('sponsor') sponsor: string) {
    this.authorizer.enforce(user, 'office.act', { sponsorUnitId: sponsor, officeId: 'office-1' });
    return { sponsor };
  }
}

interface Running {
  app: NestFastifyApplication;
  url: string;
  store: SqliteEventStore;
}

async function start(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const store = new SqliteEventStore({ filename: ':memory:' });
  const moduleRef = await Test.createTestingModule({
    imports: [runtimeStandIn(store), AuthModule.forRoot({ dataDir }, { env, bcryptCost: 4 })],
    controllers: [ThingsController],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  await seedDemoUsers(app.get(UserDirectory));
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), store };
}

async function stop(running: Running): Promise<void> {
  await running.app.close();
  await running.store.close();
}

async function call(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

describe('AuthModule over HTTP', () => {
  let dataDir: string;
  let running: Running;
  const login = async (username: string, password = DEMO_PASSWORD) =>
    call(running.url, 'POST', '/auth/login', { body: { username, password } });
  const tokenOf = async (username: string) => (await login(username)).body.accessToken as string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'auth-http-'));
    running = await start(dataDir);
  });

  afterAll(async () => {
    await stop(running);
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('POST /auth/login', () => {
    it('answers a token for 8 hours and the account with its tier and jurisdiction', async () => {
      const { status, body } = await login('approver.xichuan');

      expect(status).toBe(200);
      expect(body).toStrictEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        tokenType: 'Bearer',
        expiresIn: 28800,
        user: {
          username: 'approver.xichuan',
          displayName: '淅川县审批人',
          role: 'approver',
          unitId: 'henan.nanyang.xichuan',
          tier: 'county',
          jurisdictionId: 'henan.nanyang.xichuan',
        },
      });
    });

    it('answers 401 with the same message for a wrong password and an unknown user', async () => {
      const wrongPassword = await login('approver.xichuan', 'not-the-password');
      const unknownUser = await login('nobody.here', DEMO_PASSWORD);

      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body.message).toBe('the username or password is not correct');
      expect(unknownUser.status).toBe(401);
      expect(unknownUser.body).toStrictEqual(wrongPassword.body);
    });

    it('answers 400 for a body without a password', async () => {
      const { status } = await call(running.url, 'POST', '/auth/login', { body: { username: 'admin' } });
      expect(status).toBe(400);
    });
  });

  describe('GET /auth/me', () => {
    it('answers 401 without a token, naming the scheme', async () => {
      const { status, body, headers } = await call(running.url, 'GET', '/auth/me');

      expect(status).toBe(401);
      expect(body.message).toContain('Authorization: Bearer <accessToken>');
      expect(headers.get('www-authenticate')).toBe('Bearer realm="api"');
    });

    it('answers the signed-in account', async () => {
      const { status, body } = await call(running.url, 'GET', '/auth/me', {
        token: await tokenOf('approver.nanyang'),
      });

      expect(status).toBe(200);
      expect(body).toMatchObject({
        username: 'approver.nanyang',
        tier: 'municipal',
        jurisdictionId: 'henan.nanyang',
      });
    });
  });

  describe('the global guard', () => {
    it('refuses a route without a token, or with a header that is not a bearer token', async () => {
      expect((await call(running.url, 'GET', '/things')).status).toBe(401);
      const basic = await fetch(`${running.url}/things`, {
        headers: { authorization: 'Basic YWRtaW46eA==' },
      });
      expect(basic.status).toBe(401);
      expect(((await basic.json()) as { message: string }).message).toContain(
        'must be "Bearer <accessToken>"',
      );
    });

    it('refuses a forged, a foreign-signed or an expired token', async () => {
      const forged = await call(running.url, 'GET', '/things', { token: 'abc.def.ghi' });
      expect(forged.status).toBe(401);
      expect(forged.body.message).toContain('the access token is not valid');
      expect(forged.headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_token"');

      const claims = { sub: 'admin', name: '系统管理员', role: 'admin', unit: 'henan' };
      const foreign = new JwtService({ secret: 'another-secret-another-secret-another' });
      const signedElsewhere = await call(running.url, 'GET', '/things', {
        token: await foreign.signAsync(claims),
      });
      expect(signedElsewhere.status).toBe(401);

      const jwt = running.app.get(JwtService);
      const expired = await call(running.url, 'GET', '/things', {
        token: await jwt.signAsync(claims, { expiresIn: -60 }),
      });
      expect(expired.status).toBe(401);
      expect(expired.body.message).toContain('the access token has expired');
    });

    it('refuses a correctly signed token whose claims are not an account', async () => {
      const jwt = running.app.get(JwtService);
      const token = await jwt.signAsync({ sub: 'admin', name: 'x', role: 'root', unit: 'henan' });
      expect((await call(running.url, 'GET', '/things', { token })).status).toBe(401);
    });

    it('refuses a correctly signed token for a user that does not exist', async () => {
      const jwt = running.app.get(JwtService);
      const token = await jwt.signAsync({
        sub: 'ghost.user',
        name: '幽灵',
        role: 'admin',
        unit: 'henan',
        gen: 0,
      });
      const refused = await call(running.url, 'GET', '/things', { token });
      expect(refused.status).toBe(401);
      expect(refused.body.message).toContain('the access token is not valid');
    });

    it('ends every older token when the user changes the password', async () => {
      const older = await tokenOf('clerk.tanghe');
      const changed = await call(running.url, 'POST', '/auth/password', {
        token: older,
        body: { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-password-of-mine' },
      });
      expect(changed.status).toBe(200);

      const revoked = await call(running.url, 'GET', '/things', { token: older });
      expect(revoked.status).toBe(401);
      expect(revoked.body.code).toBe('token-revoked');
      const fresh = await call(running.url, 'GET', '/things', { token: changed.body.accessToken });
      expect(fresh.status).toBe(200);
    });

    it('lets a valid token through and hands the handler the user', async () => {
      const { status, body } = await call(running.url, 'GET', '/things', {
        token: await tokenOf('clerk.xichuan'),
      });

      expect(status).toBe(200);
      expect(body).toStrictEqual({ username: 'clerk.xichuan', role: 'clerk' });
    });

    it('lets anyone through to a @Public() route', async () => {
      const { status, body } = await call(running.url, 'GET', '/things/open');
      expect(status).toBe(200);
      expect(body).toStrictEqual({ open: true });
    });

    it('answers 403 when @Roles() leaves the user’s role out', async () => {
      const clerk = await call(running.url, 'GET', '/things/admin-only', {
        token: await tokenOf('clerk.xichuan'),
      });
      expect(clerk.status).toBe(403);
      expect(clerk.body.message).toBe('only admin may do this; clerk.xichuan is clerk');
      const admin = await call(running.url, 'GET', '/things/admin-only', { token: await tokenOf('admin') });
      expect(admin.status).toBe(200);
    });

    it('turns a policy refusal into 403, or into the 404 of a missing office where existence must not leak', async () => {
      const token = await tokenOf('clerk.xichuan');
      const own = await call(running.url, 'GET', '/things/offices/henan.nanyang.xichuan.commerce', { token });
      expect(own.status).toBe(200);

      const elsewhere = await call(running.url, 'GET', '/things/offices/henan.nanyang.xixia', { token });
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.message).toBe('office office-1 is not registered');

      const approver = await tokenOf('approver.xichuan');
      const notTheirWork = await call(running.url, 'GET', '/things/offices/henan.nanyang.xichuan', {
        token: approver,
      });
      expect(notTheirWork.status).toBe(403);
      expect(notTheirWork.body.message).toContain('only a clerk of the sponsor acts on its office');
    });
  });

  it('tokens survive a restart on the same data folder; another folder’s key does not accept them', async () => {
    const token = await tokenOf('supervisor.nanyang');
    const restarted = await start(dataDir);
    const elsewhereDir = mkdtempSync(join(tmpdir(), 'auth-http-'));
    const elsewhere = await start(elsewhereDir);
    try {
      expect((await call(restarted.url, 'GET', '/auth/me', { token })).status).toBe(200);
      expect((await call(elsewhere.url, 'GET', '/auth/me', { token })).status).toBe(401);
    } finally {
      await stop(restarted);
      await stop(elsewhere);
      rmSync(elsewhereDir, { recursive: true, force: true });
    }
  });

  it('signs with AUTH_SECRET when it is set', async () => {
    const secret = 's'.repeat(48);
    const other = await start(dataDir, { AUTH_SECRET: secret });
    try {
      const token = (
        await call(other.url, 'POST', '/auth/login', {
          body: { username: 'admin', password: DEMO_PASSWORD },
        })
      ).body.accessToken as string;
      await expect(new JwtService({ secret }).verifyAsync(token)).resolves.toMatchObject({ sub: 'admin' });
      expect((await call(running.url, 'GET', '/auth/me', { token })).status).toBe(401);
    } finally {
      await stop(other);
    }
  });
});
