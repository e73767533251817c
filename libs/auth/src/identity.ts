import {
  approverTier,
  governmentOf,
  type JurisdictionCatalog,
  type Tier,
  type UserAccount,
} from '@liaison/domain';

// What an account is and where one may be bound are the domain's (libs/domain/src/account); re-exported here,
// where sign-in and the policy use them.
export {
  approverTier,
  DISPLAY_NAME_MAX_LENGTH,
  governmentOf,
  governmentTier,
  isOfficesBureau,
  isRole,
  ROLES,
  USERNAME_PATTERN,
  validateAccount,
  type AccountProblem,
  type Role,
  type UserAccount,
} from '@liaison/domain';

/**
 * The root of the part of the tree a user acts within, or undefined for an administrator of the whole tree.
 *
 * - A clerk: their own unit and everything below it (a county's clerk also covers the county's departments).
 * - An approver or a supervisor: the government they act for, i.e. their unit if it is a government node, else the
 *   government above their department (the Bureau's supervisors see the whole city).
 * - An administrator: everything when bound to the government at the top of the tree (the province) or one of its
 *   departments; else the government they belong to, so one bound to a city or its bureau is that city's
 *   (municipal) administrator. An unknown unit stays the root, which nothing lies within.
 */
export function jurisdictionOf(catalog: JurisdictionCatalog, user: UserAccount): string | undefined {
  switch (user.role) {
    case 'admin': {
      const government = governmentOf(catalog, user.unitId);
      if (!government) return user.unitId;
      return government.parentId === undefined ? undefined : government.id;
    }
    case 'clerk':
      return user.unitId;
    case 'approver':
    case 'supervisor':
      return governmentOf(catalog, user.unitId)?.id;
    default: {
      const unknown: never = user.role;
      throw new Error(`unknown role ${String(unknown)}`);
    }
  }
}

/** What a client may show about the signed-in user: the account, the tier they decide at, the unit they act within. */
export interface AccountProfile extends UserAccount {
  tier?: Tier;
  /** Root of the jurisdiction the user acts within; absent for an administrator of the whole tree. */
  jurisdictionId?: string;
}

export function profileOf(catalog: JurisdictionCatalog, user: UserAccount): AccountProfile {
  const tier = user.role === 'approver' ? approverTier(catalog, user.unitId) : undefined;
  const jurisdictionId = jurisdictionOf(catalog, user);
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    ...(tier ? { tier } : {}),
    ...(jurisdictionId ? { jurisdictionId } : {}),
  };
}
