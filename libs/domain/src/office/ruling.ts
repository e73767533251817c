import { PolicyViolation } from '../errors';
import { startTier } from '../tiers';
import type { RuleOnOffice } from './commands';
import type { OfficeEvent } from './events';
import { expectStatus } from './guards';
import type { OfficeState } from './state';

/** 三: the plan is silent on this office, so the provincial tier rules on it before anything else happens. */
export function ruleOnOffice({ data }: RuleOnOffice, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, ['awaiting-ruling'], 'rule on');
  if (data.tier !== 'provincial') {
    throw new PolicyViolation(
      'not-covered',
      'a case the plan does not cover is ruled on at the provincial tier (省机关事务管理局)',
      'tier',
    );
  }
  const officeId = current.office.officeId;
  const ruling = data.ruling;
  return [
    {
      type: 'OfficeRuledOn',
      data: {
        officeId,
        ruling,
        reasoning: data.reasoning,
        tier: data.tier,
        ...(ruling === 'retention-may-be-requested'
          ? { retentionStartTier: startTier(current.office.sponsorKind) }
          : {}),
      },
    },
  ];
}
