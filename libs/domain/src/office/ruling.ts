import { InvalidTransition, PolicyViolation } from '../errors';
import { startTier } from '../tiers';
import type { RuleOnOffice } from './commands';
import type { OfficeEvent } from './events';
import { expectStatus } from './guards';
import type { OfficeState } from './state';
import { RULING_TIER } from './vocabulary';

/**
 * 三: the plan is silent on this office, so the provincial tier rules on it before anything else happens. The
 * ruling decides the office's ruling task; an approver other than the one holding the task is refused.
 */
export function ruleOnOffice({ data }: RuleOnOffice, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, ['awaiting-ruling'], 'rule on');
  if (data.tier !== RULING_TIER) {
    throw new PolicyViolation(
      'not-covered',
      'a case the plan does not cover is ruled on at the provincial tier (省机关事务管理局)',
      'tier',
    );
  }
  const { approver } = data;
  if (approver !== undefined && current.assignee !== undefined && current.assignee !== approver) {
    throw new InvalidTransition(`the ruling task is claimed by ${current.assignee}`, current.status);
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
