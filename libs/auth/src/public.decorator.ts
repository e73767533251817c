import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';
export const BEFORE_PASSWORD_CHANGE = 'auth:before-password-change';

/** Lets a route through the global AuthGuard without a token (login, health, reference data). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * A route an account with a one-time password may use before changing it (changing it, and seeing who it is);
 * every other route answers 403 with code `password-change-required` until then.
 */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);
