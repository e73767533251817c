import { Body, Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors } from './api-docs';
import { SessionDto } from './auth.responses';
import { AuthService } from './auth.service';
import { LoginDto } from './login.dto';
import { Public } from './public.decorator';
import { endSession, sessionToken, startSession, type SessionResult } from './session-cookies';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;
import { signInOrRefuse } from './sign-in-reply';

/** The web console's sign-in: the same check as POST /auth/login, the token kept in an httpOnly cookie. */
@ApiTags('auth')
@Controller('auth/session')
export class SessionController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in for a browser: sets the httpOnly `session` cookie (the access token) and the `csrf` cookie, whose ' +
      'value every POST, PATCH, PUT or DELETE made with the session must send in X-CSRF-Token. No token in the ' +
      'answer; a one-time password limits the session as POST /auth/login does',
  })
  @ApiOkResponse({
    type: SessionDto,
    headers: { 'Set-Cookie': { description: 'session (HttpOnly) and csrf', schema: { type: 'string' } } },
  })
  @ApiErrors(
    400,
    [401, 'Wrong username or password (never saying which)'],
    [403, 'The account is disabled (code account-disabled)'],
    [429, 'Too many failed sign-ins (code too-many-sign-ins); Retry-After says how many seconds to wait'],
  )
  async signIn(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResult> {
    return startSession(request, reply, await signInOrRefuse(this.auth, body, request, reply));
  }

  // Public: signing out must work with a session that has already ended (then it only clears the cookies).
  @Public()
  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Sign out, with the session cookie or `Authorization: Bearer <accessToken>`: every token of the account stops ' +
      'working at once (all its sessions end), and the session and csrf cookies are cleared',
  })
  @ApiNoContentResponse({
    description: 'Signed out',
    headers: { 'Set-Cookie': { description: 'session and csrf, expired', schema: { type: 'string' } } },
  })
  async signOut(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const header = request.headers.authorization;
    const bearer = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    await this.auth.signOut(bearer ?? sessionToken(request));
    endSession(request, reply);
  }
}
