import { UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService, LoginResult } from './auth.service';
import type { LoginDto } from './login.dto';
import { TooManySignIns } from './sign-in-limiter';

/**
 * A sign-in as both routes answer it (the token in the body, or in the console's cookie): counted against the
 * limits per username and per client address, a refusal past them saying when to try again.
 */
export async function signInOrRefuse(
  auth: AuthService,
  body: LoginDto,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<LoginResult> {
  let result: LoginResult | undefined;
  try {
    result = await auth.login(body.username, body.password, request.ip);
  } catch (error) {
    if (error instanceof TooManySignIns) void reply.header('Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
  if (!result) throw new UnauthorizedException('the username or password is not correct');
  return result;
}
