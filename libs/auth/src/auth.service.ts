import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { OfficeContext } from '@liaison/domain';
import { OFFICE_CONTEXT } from '@liaison/application';
import { isRole, profileOf, USERNAME_PATTERN, type AccountProfile, type UserAccount } from './identity';
import { UserDirectory } from './user-accounts';

/** Access tokens last a working day; then the user signs in again. */
export const TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
  user: AccountProfile;
}

/** The claims an access token carries: the whole account, so a request needs no lookup. */
interface AccessClaims {
  sub: string;
  name: string;
  role: string;
  unit: string;
}

const SIGN_IN_AGAIN = 'sign in again with POST /auth/login';

@Injectable()
export class AuthService {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UserDirectory,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  /** A token for the account, or undefined when the username or the password is wrong (never saying which). */
  async login(username: string, password: string): Promise<LoginResult | undefined> {
    const user = await this.users.verify(username, password);
    if (!user) return undefined;
    const claims: AccessClaims = {
      sub: user.username,
      name: user.displayName,
      role: user.role,
      unit: user.unitId,
    };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: TOKEN_LIFETIME_SECONDS,
      user: profileOf(this.context.jurisdictions, user),
    };
  }

  /** The account a token was issued for; UnauthorizedException when it is forged, malformed or expired. */
  async authenticate(token: string): Promise<UserAccount> {
    let claims: Partial<AccessClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<AccessClaims>>(token);
    } catch (error) {
      throw new UnauthorizedException(
        (error as Error)?.name === 'TokenExpiredError'
          ? `the access token has expired; ${SIGN_IN_AGAIN}`
          : `the access token is not valid; ${SIGN_IN_AGAIN}`,
      );
    }
    const { sub, name, role, unit } = claims;
    if (
      typeof sub !== 'string' ||
      !USERNAME_PATTERN.test(sub) ||
      typeof name !== 'string' ||
      !isRole(role) ||
      typeof unit !== 'string'
    ) {
      throw new UnauthorizedException(`the access token is not valid; ${SIGN_IN_AGAIN}`);
    }
    return { username: sub, displayName: name, role, unitId: unit };
  }

  profile(user: UserAccount): AccountProfile {
    return profileOf(this.context.jurisdictions, user);
  }
}
