import { ALLOW, deny, withArticle, type Decision } from './decision';
import { governmentOf, type UserAccount } from './identity';
import type { JurisdictionCatalog } from '@liaison/domain';

/**
 * The jurisdiction tree is administered by admins, each within the government they are bound to: the province's
 * administrators everywhere, a municipal administrator (an admin of a city or its bureau) within the city only —
 * adding under the city or any unit below it, renaming or retiring units below it but not the city itself. Units
 * are public reference data (GET /units), so a refusal is a 403 that leaks nothing.
 */
export function unitDecision(
  user: UserAccount,
  context: { jurisdictions: JurisdictionCatalog; sponsorUnitId?: string; unitChange?: 'add' | 'change' },
): Decision {
  if (user.role !== 'admin') {
    return deny(
      `adding, renaming and retiring units is an admin's work, not ${withArticle(user.role)}'s`,
      false,
    );
  }
  const { jurisdictions, sponsorUnitId: unitId } = context;
  if (unitId === undefined) return deny('the unit is not given', false);
  const government = governmentOf(jurisdictions, user.unitId);
  if (!government)
    return deny(`${user.username} is bound to unknown jurisdiction unit ${user.unitId}`, false);
  if (government.kind === 'province') return ALLOW;
  const inside =
    jurisdictions.isWithin(unitId, government.id) &&
    (context.unitChange === 'add' || unitId !== government.id);
  return inside
    ? ALLOW
    : deny(
        `${user.username} administers the units ${context.unitChange === 'add' ? 'of' : 'below'} ${government.name} (${government.id}) only; ${unitId} is not one of them`,
        false,
      );
}
