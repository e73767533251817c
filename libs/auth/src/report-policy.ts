import type { JurisdictionCatalog } from '@liaison/domain';
import { ALLOW, deny, withArticle, type Decision } from './decision';
import { governmentOf, type UserAccount } from './identity';

/**
 * The city's report (七(三)). Reading it: supervisors and admins whose jurisdiction holds the city (the city's own,
 * and the province's, which receives every city's report). Inspecting the units' summaries, recording the
 * municipal government's review and submitting it: the city's own supervisors (the Bureau and the leading group
 * office sit there) and administrators of the city or the whole province. Cities are public reference data, so a
 * refusal is a 403 that leaks nothing.
 */
export function reportDecision(
  user: UserAccount,
  action: 'report.read' | 'report.act',
  context: { jurisdictions: JurisdictionCatalog; sponsorUnitId?: string },
): Decision {
  const { jurisdictions, sponsorUnitId: cityId } = context;
  if (cityId === undefined) return deny('the city is not given', false);
  if (user.role !== 'supervisor' && user.role !== 'admin') {
    return deny(`the city's report is for supervisors and admins, not ${withArticle(user.role)}`, false);
  }
  const government = governmentOf(jurisdictions, user.unitId);
  if (!government)
    return deny(`${user.username} is bound to unknown jurisdiction unit ${user.unitId}`, false);
  if (!jurisdictions.isWithin(cityId, government.id)) {
    return deny(`${cityId} lies outside ${user.username}'s jurisdiction (${government.id})`, false);
  }
  if (action === 'report.read') return ALLOW;
  if (government.id === cityId) return ALLOW;
  return user.role === 'admin' && government.kind === 'province'
    ? ALLOW
    : deny(
        `the Bureau of ${cityId} inspects, and its government reviews and submits, the city's report (七(三)); ${user.username} acts for ${government.id}`,
        false,
        '七(三)',
      );
}
