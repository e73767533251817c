import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from './current-user.decorator';
import type { Role } from './identity';
import { AUTH_CODES, AuthService } from './auth.service';
import { BEFORE_PASSWORD_CHANGE, IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { checkCsrf, sessionToken } from './session-cookies';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;

/**
 * Registered as APP_GUARD: every route needs `Authorization: Bearer <accessToken>` unless marked @Public(), or, with
 * no Authorization header, the web console's session cookie (POST /auth/session) and, for a state-changing request,
 * X-CSRF-Token equal to the `csrf` cookie.
 * Puts the account as it stands now on `request.user` (a disabled account, or a token from before a password change,
 * is refused at once); @Roles() narrows a route to some roles. An account with a one-time password reaches only the
 * routes marked @BeforePasswordChange() until it has changed it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const header = request.headers.authorization;
    const cookie = header === undefined ? sessionToken(request) : undefined;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    const token = match?.[1] ?? cookie;
    if (!token) {
      challenge(http.getResponse<FastifyReply>());
      throw new UnauthorizedException(
        header === undefined
          ? 'sign in first: send Authorization: Bearer <accessToken> as returned by POST /auth/login'
          : 'the Authorization header must be "Bearer <accessToken>" as returned by POST /auth/login',
      );
    }
    let authenticated;
    try {
      authenticated = await this.auth.authenticate(token);
    } catch (error) {
      challenge(http.getResponse<FastifyReply>(), 'invalid_token');
      throw error;
    }
    if (cookie) {
      checkCsrf(request);
      request.sessionCookie = true;
    }
    request.user = authenticated.user;
    request.passwordMustChange = authenticated.passwordMustChange;
    if (
      authenticated.passwordMustChange &&
      !this.reflector.getAllAndOverride<boolean | undefined>(BEFORE_PASSWORD_CHANGE, targets)
    ) {
      throw new ForbiddenException({
        message:
          `${request.user.username} signed in with a one-time password and must change it first: POST /auth/password ` +
          'with currentPassword and newPassword',
        code: AUTH_CODES.passwordChangeRequired,
      });
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw new ForbiddenException(
        `only ${roles.join(' or ')} may do this; ${request.user.username} is ${request.user.role}`,
      );
    }
    return true;
  }
}

/** RFC 6750: a 401 names the scheme the client should use. The error filter keeps headers already set. */
function challenge(reply: FastifyReply | undefined, error?: 'invalid_token'): void {
  const value = error ? `Bearer realm="api", error="${error}"` : 'Bearer realm="api"';
  if (reply && typeof reply.header === 'function') void reply.header('WWW-Authenticate', value);
}
