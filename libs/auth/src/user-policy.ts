import type { JurisdictionCatalog } from '@liaison/domain';
import { ALLOW, deny, withArticle, type Decision } from './decision';
import { jurisdictionOf, type Role, type UserAccount } from './identity';

/** What a question about user accounts names: the account as it stands, and the role and unit it is to have. */
export interface AccountQuestion {
  /** The account read or changed, as it stands (its name and the unit it is bound to). */
  subject?: Pick<UserAccount, 'username' | 'unitId'>;
  /** The role and unit an account is created with or given. */
  grant?: { role: Role; unitId: string };
}

/** The rules a refusal about user accounts names (the 403's `rule`). */
export const ACCOUNT_RULES = {
  adminOnly: 'users.admin-only',
  withinJurisdiction: 'users.within-jurisdiction',
  grantWithinJurisdiction: 'users.grant-within-jurisdiction',
  noWiderAdmin: 'users.no-wider-admin',
  notSelf: 'users.not-self',
} as const;

/**
 * Who may see and change which accounts. An administrator of the whole tree: every account. An administrator of part
 * of it (a municipal administrator, bound to a city or its bureau): the accounts bound within it, and only roles and
 * units within it, so never an administrator wider than themselves. An account outside reads as one that does not
 * exist (404), like an office outside a clerk's unit. Nobody administers their own account: another administrator
 * changes its role, disables it or resets its password, and the user changes their own password with the current one.
 */
export function authorizeAccounts(
  actor: UserAccount,
  action: 'user.read' | 'user.manage',
  jurisdictions: JurisdictionCatalog,
  { subject, grant }: AccountQuestion,
): Decision {
  if (actor.role !== 'admin') {
    return deny(
      `only an administrator ${action === 'user.read' ? 'sees' : 'manages'} user accounts; ` +
        `${actor.username} is ${withArticle(actor.role)}`,
      false,
      ACCOUNT_RULES.adminOnly,
    );
  }
  const root = jurisdictionOf(jurisdictions, actor);
  const within = (unitId: string) => root === undefined || jurisdictions.isWithin(unitId, root);
  if (subject && !within(subject.unitId)) {
    return deny(
      `${subject.username} is bound to ${subject.unitId}, outside ${actor.username}'s jurisdiction (${root})`,
      true,
      ACCOUNT_RULES.withinJurisdiction,
    );
  }
  if (action === 'user.manage' && subject?.username === actor.username) {
    return deny(
      `${actor.username} cannot administer their own account: another administrator does, and a user changes ` +
        'their own password with POST /auth/password',
      false,
      ACCOUNT_RULES.notSelf,
    );
  }
  if (grant && grant.role === 'admin') {
    const granted = jurisdictionOf(jurisdictions, { ...actor, unitId: grant.unitId });
    if (root !== undefined && (granted === undefined || !jurisdictions.isWithin(granted, root))) {
      return deny(
        `${actor.username} administers ${root} and cannot make an administrator of ${grant.unitId}: ` +
          'an administrator is never made wider than the one who makes them',
        false,
        ACCOUNT_RULES.noWiderAdmin,
      );
    }
  }
  if (grant && !within(grant.unitId)) {
    return deny(
      `${grant.unitId} lies outside ${actor.username}'s jurisdiction (${root}): an account cannot be bound there`,
      false,
      ACCOUNT_RULES.grantWithinJurisdiction,
    );
  }
  return ALLOW;
}
