import { ForbiddenException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { LoginResult } from './auth.service';
import type { AccountProfile } from './identity';

/*
 * The web console's session: the access token in an httpOnly cookie, which scripts cannot read, and a second cookie
 * that scripts can read and must echo in X-CSRF-Token on every state-changing request (double-submit), since a
 * browser sends cookies whoever asks it to.
 */
export const SESSION_COOKIE = 'session';
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_CODE = 'csrf';

const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** What POST /auth/session answers: the sign-in's result less the token, which is in the cookie. */
export interface SessionResult {
  user: AccountProfile;
  passwordChangeRequired?: true;
  /** When the session's token expires (ISO 8601). */
  expiresAt: string;
}

interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  maxAge: number;
}

/** A Set-Cookie line; every cookie here is for the whole site and never sent cross-site. */
function serialize(name: string, value: string, options: CookieOptions): string {
  return (
    `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${options.maxAge}` +
    (options.maxAge === 0 ? '; Expires=Thu, 01 Jan 1970 00:00:00 GMT' : '') +
    (options.httpOnly ? '; HttpOnly' : '') +
    (options.secure ? '; Secure' : '') +
    '; SameSite=Strict'
  );
}

/** The request's cookies by name (RFC 6265 Cookie header). */
export function cookiesOf(request: FastifyRequest): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    try {
      cookies[name] ??= decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // A value that is not percent-encoded properly is no cookie of ours.
    }
  }
  return cookies;
}

/** Only over https, or always in production (behind a proxy that ends TLS the request itself is http). */
function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https' || process.env.NODE_ENV === 'production';
}

/** Puts the token of a sign-in into the cookies, with a fresh CSRF token; answers the session. */
export function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  result: LoginResult,
): SessionResult {
  const common = { secure: secure(request), maxAge: result.expiresIn };
  void reply.header('set-cookie', [
    serialize(SESSION_COOKIE, result.accessToken, { ...common, httpOnly: true }),
    serialize(CSRF_COOKIE, randomBytes(24).toString('base64url'), { ...common, httpOnly: false }),
  ]);
  return {
    user: result.user,
    ...(result.passwordChangeRequired ? { passwordChangeRequired: true as const } : {}),
    expiresAt: new Date(Date.now() + result.expiresIn * 1000).toISOString(),
  };
}

export function endSession(request: FastifyRequest, reply: FastifyReply): void {
  const gone = { secure: secure(request), maxAge: 0 };
  void reply.header('set-cookie', [
    serialize(SESSION_COOKIE, '', { ...gone, httpOnly: true }),
    serialize(CSRF_COOKIE, '', { ...gone, httpOnly: false }),
  ]);
}

/** The session cookie's token, when the request has one. */
export function sessionToken(request: FastifyRequest): string | undefined {
  return cookiesOf(request)[SESSION_COOKIE] || undefined;
}

/** A cookie-authenticated request that changes state must carry the CSRF cookie's value in X-CSRF-Token. */
export function checkCsrf(request: FastifyRequest): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const cookie = cookiesOf(request)[CSRF_COOKIE] ?? '';
  const header = request.headers[CSRF_HEADER];
  const sent = Buffer.from(typeof header === 'string' ? header : '');
  const expected = Buffer.from(cookie);
  // Compared as bytes: a header of other characters but as many of them must not throw (timingSafeEqual's rule).
  const same = expected.length > 0 && sent.length === expected.length && timingSafeEqual(sent, expected);
  if (!same) {
    throw new ForbiddenException({
      message: `signed in with the session cookie: send the ${CSRF_COOKIE} cookie's value in X-CSRF-Token`,
      code: CSRF_CODE,
    });
  }
}
