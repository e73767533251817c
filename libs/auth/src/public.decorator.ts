import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';

/** Lets a route through the global AuthGuard without a token (login, health, reference data). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
