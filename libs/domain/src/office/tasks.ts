import { InvalidCommand, InvalidTransition } from '../errors';
import type { ClaimTask, DelegateTask, ReleaseTask } from './commands';
import type { OfficeEvent } from './events';
import { expectStatus } from './guards';
import { checkTier } from './retention';
import type { OfficeState } from './state';

// The task of the tier where a retention request waits (逐级上报审批, 三(一)): one approver of that tier takes it
// from the group's pool, gives it back, or hands it to another approver.

export function claimTask({ data }: ClaimTask, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, ['retention-requested'], 'claim the task of');
  const { tier, approver } = data;
  checkTier(current, tier);
  if (current.assignee === approver) return [];
  if (current.assignee !== undefined) {
    throw new InvalidTransition(`the task is already claimed by ${current.assignee}`, current.status);
  }
  return [{ type: 'TaskClaimed', data: { officeId: current.office.officeId, tier, assignee: approver } }];
}

export function releaseTask({ data }: ReleaseTask, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, ['retention-requested'], 'release the task of');
  const { tier, approver } = data;
  checkTier(current, tier);
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
  const current = expectStatus(state, ['retention-requested'], 'delegate the task of');
  const { tier, from, to } = data;
  checkTier(current, tier);
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
