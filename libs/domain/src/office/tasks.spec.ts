import { InvalidCommand, InvalidTransition } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import { OFFICE_ID, decideAt, nanyangContext, DECIDED_AT } from '../testing/office-fixtures';
import {
  cityOfficeInZhengzhou,
  deadlineSetAt,
  retentionForwarded,
  retentionRequested,
} from '../testing/office-history';
import type { OfficeCommand } from './commands';
import { officeDecider } from './decide';
import type { OfficeEvent } from './events';

const { given } = givenWhenThen(officeDecider(nanyangContext()));

const claim = (
  approver: string,
  tier: 'county' | 'municipal' | 'provincial' = 'municipal',
): OfficeCommand => ({
  type: 'ClaimTask',
  data: { tier, approver },
});
const release = (approver: string): OfficeCommand => ({
  type: 'ReleaseTask',
  data: { tier: 'municipal', approver },
});
const delegate = (from: string, to: string): OfficeCommand => ({
  type: 'DelegateTask',
  data: { tier: 'municipal', from, to },
});
const claimed = (assignee: string): OfficeEvent => ({
  type: 'TaskClaimed',
  data: { officeId: OFFICE_ID, tier: 'municipal', assignee },
});
const waitingAtMunicipal = (): OfficeEvent[] => [cityOfficeInZhengzhou(), retentionRequested('municipal')];

describe('the task of a pending tier decision (the approvers’ inbox)', () => {
  it('an approver of the waiting tier claims it', () => {
    const { state } = given(...waitingAtMunicipal())
      .when(claim('approver.nanyang'))
      .then(claimed('approver.nanyang'));
    expect(state.office).toMatchObject({ status: 'retention-requested', assignee: 'approver.nanyang' });
  });

  it('claiming it again by the same approver records nothing', () => {
    given(...waitingAtMunicipal(), claimed('a'))
      .when(claim('a'))
      .then();
  });

  it('a task held by one approver cannot be claimed by another', () => {
    given(...waitingAtMunicipal(), claimed('a'))
      .when(claim('b'))
      .thenThrows(InvalidTransition, { message: 'already claimed by a', status: 'retention-requested' });
  });

  it('a task can only be claimed at the tier where the request waits (三(一))', () => {
    given(...waitingAtMunicipal())
      .when(claim('x', 'provincial'))
      .thenThrows(InvalidTransition, { ruleId: '三(一)', message: 'waiting at the municipal tier' });
  });

  it('only its holder releases it, and then the group sees it again', () => {
    given(...waitingAtMunicipal(), claimed('a'))
      .when(release('b'))
      .thenThrows(InvalidTransition, { message: 'claimed by a' });
    given(...waitingAtMunicipal())
      .when(release('a'))
      .thenThrows(InvalidTransition, { message: 'not claimed' });
    const { state } = given(...waitingAtMunicipal(), claimed('a'))
      .when(release('a'))
      .then({ type: 'TaskReleased', data: { officeId: OFFICE_ID, tier: 'municipal', assignee: 'a' } });
    expect(state.office).not.toHaveProperty('assignee');
  });

  it('delegation is recorded with who handed it to whom, and only the holder may delegate a claimed task', () => {
    const { state } = given(...waitingAtMunicipal(), claimed('a'))
      .when(delegate('a', 'b'))
      .then({ type: 'TaskDelegated', data: { officeId: OFFICE_ID, tier: 'municipal', from: 'a', to: 'b' } });
    expect(state.office).toMatchObject({ assignee: 'b' });
    given(...waitingAtMunicipal(), claimed('a'))
      .when(delegate('c', 'b'))
      .thenThrows(InvalidTransition, { message: 'only they can delegate' });
    given(...waitingAtMunicipal(), claimed('a'))
      .when(delegate('a', 'a'))
      .thenThrows(InvalidCommand, { field: 'to' });
    given(...waitingAtMunicipal())
      .when(delegate('c', 'b'))
      .then({ type: 'TaskDelegated', data: { officeId: OFFICE_ID, tier: 'municipal', to: 'b' } });
  });

  it('a claimed task is decided by its holder only; the decision clears the claim for the next tier', () => {
    const decideBy = (approver: string): OfficeCommand => ({
      type: 'DecideRetention',
      data: { tier: 'municipal', decision: 'approve', approver },
      metadata: { now: DECIDED_AT },
    });
    given(...waitingAtMunicipal(), claimed('a'))
      .when(decideBy('b'))
      .thenThrows(InvalidTransition, { message: 'claimed by a' });
    const { state } = given(...waitingAtMunicipal(), claimed('a'))
      .when(decideBy('a'))
      .then(retentionForwarded('municipal', 'provincial'), deadlineSetAt(3, 'provincial'));
    expect(state.office).toMatchObject({ status: 'retention-requested', tier: 'provincial' });
    expect(state.office).not.toHaveProperty('assignee');
  });

  it('a decision that names no approver is not held up by a claim (the office’s own record keeps who acted)', () => {
    given(...waitingAtMunicipal(), claimed('a'))
      .when(decideAt('municipal', 'approve'))
      .then(retentionForwarded('municipal', 'provincial'), deadlineSetAt(3, 'provincial'));
  });

  it('nothing can be claimed once the request is decided', () => {
    given(...waitingAtMunicipal(), retentionForwarded('municipal', 'provincial'), {
      type: 'RetentionApproved',
      data: { officeId: OFFICE_ID, tier: 'provincial' },
    })
      .when(claim('a', 'provincial'))
      .thenThrows(InvalidTransition, { status: 'retained' });
  });
});
