import { Body, Controller, Get, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthService, type LoginResult } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import type { AccountProfile, UserAccount } from './identity';
import { LoginDto } from './login.dto';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; the access token goes in `Authorization: Bearer …` for 8 hours' })
  @ApiOkResponse({ description: '{ accessToken, tokenType: "Bearer", expiresIn, user }' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (never saying which)' })
  async login(@Body() body: LoginDto): Promise<LoginResult> {
    const result = await this.auth.login(body.username, body.password);
    if (!result) throw new UnauthorizedException('the username or password is not correct');
    return result;
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The signed-in user: role, unit, the tier they decide at and the unit they act within',
  })
  me(@CurrentUser() user: UserAccount): AccountProfile {
    return this.auth.profile(user);
  }
}
