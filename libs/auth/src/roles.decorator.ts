import { SetMetadata } from '@nestjs/common';
import type { Role } from './identity';

export const REQUIRED_ROLES = 'auth:roles';

/**
 * A coarse role check the AuthGuard applies before the handler runs (403 otherwise). It says nothing about
 * jurisdiction: anything about a particular office still goes through `authorize`.
 */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);
