import { InvalidCommand, InvalidTransition } from '../errors';
import type { Tier } from '../tiers';
import type { ClaimTask, DelegateTask, ReleaseTask } from './commands';
import type { OfficeEvent } from './events';
import { expectStatus } from './guards';
import { checkTier } from './retention';
import type { OfficeState, WithOpenTask } from './state';
import { RULING_TIER } from './vocabulary';

// The open task of an office: the tier where a retention request waits (逐级上报审批, 三(一)), or the provincial
// ruling an office the plan does not cover waits for (三). One approver of that tier takes it from the group's
// pool, gives it back, or hands it to another approver.

const TASK_STATUSES = ['retention-requested', 'awaiting-ruling'] as const;

export function claimTask({ data }: ClaimTask, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, TASK_STATUSES, 'claim the task of');
  const { tier, approver } = data;
  checkTaskTier(current, tier);
  if (current.assignee === approver) return [];
  if (current.assignee !== undefined) {
    throw new InvalidTransition(`the task is already claimed by ${current.assignee}`, current.status);
  }
  return [{ type: 'TaskClaimed', data: { officeId: current.office.officeId, tier, assignee: approver } }];
}

export function releaseTask({ data }: ReleaseTask, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, TASK_STATUSES, 'release the task of');
  const { tier, approver } = data;
  checkTaskTier(current, tier);
  if (current.assignee !== approver) {
    throw new InvalidTransition(
      current.assignee === undefined
        ? 'the task is not claimed'
        : `the task is claimed by ${current.assignee}`,
      current.status,
    );
  }
  return [{ type: 'TaskReleased', data: { officeId: current.office.officeId, tier, assignee: approver } }];
}

export function delegateTask({ data }: DelegateTask, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, TASK_STATUSES, 'delegate the task of');
  const { tier, from, to } = data;
  checkTaskTier(current, tier);
  if (current.assignee !== undefined && current.assignee !== from) {
    throw new InvalidTransition(
      `the task is claimed by ${current.assignee}; only they can delegate it`,
      current.status,
    );
  }
  if (to === from || to === current.assignee) {
    throw new InvalidCommand('to', 'a task is delegated to another approver');
  }
  return [
    {
      type: 'TaskDelegated',
      data: {
        officeId: current.office.officeId,
        tier,
        ...(current.assignee ? { from: current.assignee } : {}),
        to,
      },
    },
  ];
}

/** Only the tier the task waits at acts on it: the request's current tier, or the provincial tier for a ruling. */
function checkTaskTier(current: WithOpenTask, tier: Tier): void {
  if (current.status === 'retention-requested') {
    checkTier(current, tier);
  } else if (tier !== RULING_TIER) {
    throw new InvalidTransition(
      `the ruling on an office the plan does not cover waits at the ${RULING_TIER} tier, not the ${tier} tier (三)`,
      current.status,
      'not-covered',
    );
  }
}
