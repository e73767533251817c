import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { UserAccount } from './identity';

/** The request as the AuthGuard leaves it. */
export interface AuthenticatedRequest {
  user?: UserAccount;
  /** Signed in with a one-time password not yet changed. */
  passwordMustChange?: boolean;
  /** Signed in with the web console's session cookie rather than a bearer token. */
  sessionCookie?: boolean;
}

/** The signed-in user, as the AuthGuard put it on the request. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): UserAccount => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  // Only a @Public() route gets here without one, and such a route has no user to give.
  if (!user) throw new UnauthorizedException('sign in first: this route needs a signed-in user');
  return user;
});
