import { InvalidTransition, PolicyViolation } from '../errors';
import { staffedTier, type TierBypass } from '../groups';
import { routeDecision, type Tier } from '../tiers';
import type { DecideRetention, RequestRetention, ResubmitRetention } from './commands';
import type { OfficeEvent } from './events';
import { expectStatus, opt, required } from './guards';
import type { OfficeContext } from './registration';
import type { OfficeState } from './state';
import type { RetentionCase } from './vocabulary';

/** The tier a task opens at for this office, past any tier nobody can act in, and the bypasses to record. */
function openAt(
  office: { sponsorUnitId: string },
  tier: Tier,
  context: OfficeContext,
): { tier: Tier; bypassed?: TierBypass[] } {
  const routed = staffedTier(context.jurisdictions, office.sponsorUnitId, tier, context.approvers);
  return routed.bypassed.length > 0 ? routed : { tier: routed.tier };
}

/**
 * 三(一)-c, 三(二)-exception: where the plan (or a ruling) allows it, the sponsor requests retention; the request
 * starts at the sponsor's tier.
 */
export function requestRetention(
  { data }: RequestRetention,
  state: OfficeState,
  context: OfficeContext,
): OfficeEvent[] {
  const current = expectStatus(state, ['proposed'], 'request retention for');
  const tier = current.retentionStartTier;
  if (!tier) {
    const { ruleId, summary } = current.office.disposition;
    throw new PolicyViolation(
      ruleId === 'not-covered' ? 'not-covered' : ruleId,
      ruleId === 'not-covered'
        ? 'the ruling on this office requires abolition; retention cannot be requested'
        : `${summary} Retention cannot be requested (${ruleId}).`,
    );
  }
  checkRetentionCase(data);
  const { officeId } = current.office;
  return [
    { type: 'RetentionRequested', data: { officeId, ...openAt(current.office, tier, context), ...data } },
  ];
}

/**
 * 逐级上报审批 (三(一)): the tier where the request waits approves (forwarding it to the next tier, or finally at
 * the top), rejects it (the office must then be abolished) or returns it for revision.
 */
export function decideRetention(
  command: DecideRetention,
  state: OfficeState,
  context: OfficeContext,
): OfficeEvent[] {
  const current = expectStatus(state, ['retention-requested'], 'decide on');
  const { tier, decision, comment, approver } = command.data;
  checkTier(current, tier);
  if (approver !== undefined && current.assignee !== undefined && current.assignee !== approver) {
    throw new InvalidTransition(`the task is claimed by ${current.assignee}`, current.status);
  }
  const officeId = current.office.officeId;
  const outcome = routeDecision(tier, decision);
  switch (outcome.kind) {
    case 'forwarded': {
      const { tier: toTier, bypassed } = openAt(current.office, outcome.to, context);
      return [
        {
          type: 'RetentionForwarded',
          data: {
            officeId,
            fromTier: tier,
            toTier,
            ...opt('comment', comment),
            ...(bypassed ? { bypassed } : {}),
          },
        },
      ];
    }
    case 'approved':
      return [{ type: 'RetentionApproved', data: { officeId, tier, ...opt('comment', comment) } }];
    case 'rejected':
      return [
        {
          type: 'RetentionRejected',
          data: { officeId, tier, reason: required(comment, 'comment', 'a rejection') },
        },
      ];
    case 'returned':
      return [
        {
          type: 'RetentionReturned',
          data: { officeId, tier, comment: required(comment, 'comment', 'a return for revision') },
        },
      ];
    default: {
      const _: never = outcome;
      throw new Error(`unknown outcome ${JSON.stringify(_)}`);
    }
  }
}

/** A request returned for revision goes back to the tier that returned it, not to the start. */
export function resubmitRetention(
  { data }: ResubmitRetention,
  state: OfficeState,
  context: OfficeContext,
): OfficeEvent[] {
  const current = expectStatus(state, ['returned-for-revision'], 'resubmit');
  checkRetentionCase(data);
  return [
    {
      type: 'RetentionResubmitted',
      data: {
        officeId: current.office.officeId,
        ...openAt(current.office, current.returnedAt, context),
        ...data,
      },
    },
  ];
}

/** 四, 五(一): a retained office takes on the new functions and is decoupled from its business entities. */
function checkRetentionCase(request: RetentionCase): void {
  if (request.functions.length === 0) {
    throw new PolicyViolation(
      '四',
      'a retained office must take on at least one of the functions of section 四 (economic cooperation, social management and public services, party/league member services, government liaison)',
      'functions',
    );
  }
  if (!request.decoupledFromBusinessEntities) {
    throw new PolicyViolation(
      '五(一)',
      'a retained office must be decoupled from its hotels, guesthouses and other business entities (与所属宾馆、招待所等经营性实体脱钩)',
      'decoupledFromBusinessEntities',
    );
  }
}

/** 逐级上报审批 (三(一)): only the tier where the request waits can act on it. */
export function checkTier(
  current: Extract<OfficeState, { status: 'retention-requested' }>,
  tier: Tier,
): void {
  if (tier !== current.tier) {
    throw new InvalidTransition(
      `the retention request is waiting at the ${current.tier} tier, not the ${tier} tier (逐级上报审批, 三(一))`,
      current.status,
      '三(一)',
    );
  }
}
