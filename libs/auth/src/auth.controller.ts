import { Body, Controller, Get, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from './api-docs';
import { LoginResultDto, MeDto } from './auth.responses';
import { AuthService, type LoginResult } from './auth.service';
import { CurrentUser, type AuthenticatedRequest } from './current-user.decorator';
import type { AccountProfile, UserAccount } from './identity';
import { ChangePasswordDto, LoginDto } from './login.dto';
import { BeforePasswordChange, Public } from './public.decorator';
import { TooManySignIns } from './sign-in-limiter';

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
    let result: LoginResult | undefined;
    try {
      result = await this.auth.login(body.username, body.password, request.ip);
    } catch (error) {
      if (error instanceof TooManySignIns) void reply.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
    if (!result) throw new UnauthorizedException('the username or password is not correct');
    return result;
  }

  @Post('password')
  @HttpCode(200)
  @BeforePasswordChange()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Change your own password, giving the current one (the one-time password after a reset). Every token issued ' +
      'before ends; the answer is a new one, as from POST /auth/login',
  })
  @ApiErrors(400, 401, [422, 'currentPassword is wrong, or newPassword is not acceptable'])
  @ApiOkResponse({ type: LoginResultDto, description: 'A new token; every earlier one has ended' })
  changePassword(@Body() body: ChangePasswordDto, @CurrentUser() user: UserAccount): Promise<LoginResult> {
    return this.auth.changeOwnPassword(user, body.currentPassword, body.newPassword);
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
