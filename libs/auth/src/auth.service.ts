import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { OfficeContext, RegisteredAccount } from '@liaison/domain';
import { OFFICE_CONTEXT } from '@liaison/application';
import { profileOf, USERNAME_PATTERN, type AccountProfile, type UserAccount } from './identity';
import { SignInLimiter } from './sign-in-limiter';
import { UserDirectory, type UserCommandMeta } from './user-accounts';

/** Access tokens last a working day; then the user signs in again. */
export const TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;
/** A token that only allows changing a one-time password lasts a quarter of an hour. */
export const PASSWORD_CHANGE_TOKEN_LIFETIME_SECONDS = 15 * 60;

/** The `code` of the refusals a client acts on (sign in again, change the password first, ask an administrator). */
export const AUTH_CODES = {
  accountDisabled: 'account-disabled',
  tokenRevoked: 'token-revoked',
  passwordChangeRequired: 'password-change-required',
} as const;

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
  user: AccountProfile;
  /**
   * The password is a one-time password: the token only allows `POST /auth/password` (and `GET /auth/me`) until it
   * is changed; everything else answers 403 with code `password-change-required`.
   */
  passwordChangeRequired?: true;
}

/** Who a request comes from: the account as it stands now, and whether it must change its password first. */
export interface Authenticated {
  user: UserAccount;
  passwordMustChange: boolean;
}

/**
 * The claims an access token carries. `gen` is the account's generation when the token was issued: a token is
 * refused once the account's has moved on (disabled, password changed or reset). Name, role and unit are what they
 * were at sign-in, for clients to show; every request takes them from the account as it stands.
 */
interface AccessClaims {
  sub: string;
  name: string;
  role: string;
  unit: string;
  gen: number;
  /** The account's session version at issue (signing out moves it on); absent in tokens from before it was kept. */
  sv?: number;
}

const SIGN_IN_AGAIN = 'sign in again with POST /auth/login';
/** Tokens whose signature was checked lately, kept at most (about 400 bytes each). */
const VERIFIED_TOKENS = 10_000;

@Injectable()
export class AuthService {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UserDirectory,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
    private readonly limiter: SignInLimiter,
  ) {}

  /**
   * The claims of tokens verified lately, by the token's exact text: the same text has the same valid signature, so
   * only the expiry is checked again. What the account says of the token is checked on every request regardless.
   */
  private readonly verified = new Map<string, Partial<AccessClaims> & { exp?: number }>();

  /**
   * A token for the account, or undefined when the username or the password is wrong (never saying which). A
   * disabled account with the right password is told so (403), as only its owner could learn it. TooManySignIns
   * (429) once the account or the client address has failed too often, before the password is even compared.
   */
  async login(username: string, password: string, address: string): Promise<LoginResult | undefined> {
    // Counted by the name as sign-in reads it, so that another spelling of it shares the count.
    const name = username.trim().toLowerCase();
    await this.limiter.check(name, address);
    const account = await this.users.verify(username, password);
    if (!account) {
      await this.limiter.failed(name, address);
      return undefined;
    }
    await this.limiter.succeeded(name);
    if (account.status === 'disabled') {
      throw new ForbiddenException({
        message: `the account ${account.account.username} is disabled: an administrator can enable it`,
        code: AUTH_CODES.accountDisabled,
      });
    }
    return this.issue(account);
  }

  /** The user's own password change (the current one given); answers a new token, as the old ones end with it. */
  async changeOwnPassword(
    user: UserAccount,
    currentPassword: string,
    newPassword: string,
    meta: Omit<UserCommandMeta, 'actor' | 'role'> = {},
  ): Promise<LoginResult> {
    const account = await this.users.changeOwnPassword(user.username, currentPassword, newPassword, {
      ...meta,
      actor: user.username,
      role: user.role,
    });
    return this.issue(account);
  }

  private async issue(account: RegisteredAccount): Promise<LoginResult> {
    const { username, displayName, role, unitId } = account.account;
    const claims: AccessClaims = {
      sub: username,
      name: displayName,
      role,
      unit: unitId,
      gen: account.generation,
      sv: this.users.sessionVersion(username),
    };
    const expiresIn = account.passwordMustChange
      ? PASSWORD_CHANGE_TOKEN_LIFETIME_SECONDS
      : TOKEN_LIFETIME_SECONDS;
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn,
      user: profileOf(this.context.jurisdictions, account.account),
      ...(account.passwordMustChange ? { passwordChangeRequired: true as const } : {}),
    };
  }

  /**
   * The account a token was issued for, as it stands now: UnauthorizedException when the token is forged, malformed
   * or expired, when the account is disabled, or when the token is from before a disable or a password change.
   */
  async authenticate(token: string): Promise<Authenticated> {
    let claims: Partial<AccessClaims>;
    try {
      claims = await this.verify(token);
    } catch (error) {
      throw new UnauthorizedException(
        (error as Error)?.name === 'TokenExpiredError'
          ? `the access token has expired; ${SIGN_IN_AGAIN}`
          : `the access token is not valid; ${SIGN_IN_AGAIN}`,
      );
    }
    const { sub, gen, sv } = claims;
    if (
      typeof sub !== 'string' ||
      !USERNAME_PATTERN.test(sub) ||
      !Number.isSafeInteger(gen) ||
      (sv !== undefined && !Number.isSafeInteger(sv))
    ) {
      throw new UnauthorizedException(`the access token is not valid; ${SIGN_IN_AGAIN}`);
    }
    // The account's stream as folded, kept while the log has nothing new for it (AccountCache).
    const account = await this.users.standing(sub);
    if (!account) throw new UnauthorizedException(`the access token is not valid; ${SIGN_IN_AGAIN}`);
    if (account.status === 'disabled') {
      throw new UnauthorizedException({
        message: `the account ${sub} is disabled; its tokens no longer work`,
        code: AUTH_CODES.accountDisabled,
      });
    }
    if (account.generation !== gen) {
      throw new UnauthorizedException({
        message:
          'the access token was revoked (the password was changed or reset, or the account disabled since it was ' +
          `issued); ${SIGN_IN_AGAIN}`,
        code: AUTH_CODES.tokenRevoked,
      });
    }
    if ((claims.sv ?? 0) !== this.users.sessionVersion(sub)) {
      throw new UnauthorizedException({
        message: `the access token was revoked: ${sub} signed out since it was issued; ${SIGN_IN_AGAIN}`,
        code: AUTH_CODES.tokenRevoked,
      });
    }
    return { user: account.account, passwordMustChange: account.passwordMustChange };
  }

  private async verify(token: string): Promise<Partial<AccessClaims>> {
    const known = this.verified.get(token);
    // As jsonwebtoken decides it: expired from the second `exp` names.
    if (known?.exp !== undefined && Math.floor(Date.now() / 1000) < known.exp) return known;
    const claims = await this.jwt.verifyAsync<Partial<AccessClaims> & { exp?: number }>(token);
    if (typeof claims.exp === 'number') {
      this.verified.delete(token);
      this.verified.set(token, claims);
      if (this.verified.size > VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    }
    return claims;
  }

  /**
   * Signs out: every token of the account the given token was issued for stops working at once (a bearer token
   * cannot be recalled from the client that holds it, so the account's session version moves on). A token that is
   * not valid any more signs out nothing and is not an error: the session has ended already.
   */
  async signOut(token: string | undefined): Promise<boolean> {
    if (!token) return false;
    const signedIn = await this.authenticate(token).catch(() => undefined);
    if (!signedIn) return false;
    this.users.endSessions(signedIn.user.username);
    return true;
  }

  profile(user: UserAccount): AccountProfile {
    return profileOf(this.context.jurisdictions, user);
  }
}
