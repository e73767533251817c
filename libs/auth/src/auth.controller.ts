import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors } from './api-docs';
import { LoginResultDto, MeDto, SessionDto } from './auth.responses';
import { AuthService, type LoginResult } from './auth.service';
import { CurrentUser, type AuthenticatedRequest } from './current-user.decorator';
import type { AccountProfile, UserAccount } from './identity';
import { ChangePasswordDto, LoginDto } from './login.dto';
import { BeforePasswordChange, Public } from './public.decorator';
import { signInOrRefuse } from './sign-in-reply';
import { startSession, type SessionResult } from './session-cookies';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in; the access token goes in `Authorization: Bearer …` for 8 hours. With a one-time password the answer ' +
      'says passwordChangeRequired and the token (15 minutes) only allows POST /auth/password and GET /auth/me',
  })
  @ApiOkResponse({ type: LoginResultDto })
  @ApiErrors(
    400,
    [401, 'Wrong username or password (never saying which)'],
    [403, 'The account is disabled (code account-disabled)'],
    [
      429,
      'Too many failed sign-ins for this username or from this address (code too-many-sign-ins); Retry-After says ' +
        'how many seconds to wait',
    ],
  )
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResult> {
    return signInOrRefuse(this.auth, body, request, reply);
  }

  @Post('password')
  @HttpCode(200)
  @BeforePasswordChange()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Change your own password, giving the current one (the one-time password after a reset). Every token issued ' +
      'before ends; the answer is a new one, as from POST /auth/login. Signed in with the session cookie, the new ' +
      'token goes into the cookie instead and the answer is as from POST /auth/session',
  })
  @ApiErrors(
    400,
    401,
    [403, 'Signed in with the session cookie: X-CSRF-Token missing or not the csrf cookie (code csrf)'],
    [422, 'currentPassword is wrong, or newPassword is not acceptable'],
  )
  @ApiExtraModels(LoginResultDto, SessionDto)
  @ApiOkResponse({
    description: 'A new token (or session); every earlier one has ended',
    schema: { oneOf: [{ $ref: getSchemaPath(LoginResultDto) }, { $ref: getSchemaPath(SessionDto) }] },
  })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentUser() user: UserAccount,
    @Req() request: FastifyRequest & AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResult | SessionResult> {
    const result = await this.auth.changeOwnPassword(user, body.currentPassword, body.newPassword);
    return request.sessionCookie ? startSession(request, reply, result) : result;
  }

  @Get('me')
  @BeforePasswordChange()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The signed-in user: role, unit, the tier they decide at and the unit they act within',
  })
  @ApiErrors(401)
  @ApiOkResponse({ type: MeDto })
  me(
    @CurrentUser() user: UserAccount,
    @Req() request: AuthenticatedRequest,
  ): AccountProfile & { passwordChangeRequired?: true } {
    return {
      ...this.auth.profile(user),
      ...(request.passwordMustChange ? { passwordChangeRequired: true as const } : {}),
    };
  }
}
