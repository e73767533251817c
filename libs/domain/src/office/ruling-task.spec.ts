import { InvalidCommand, InvalidTransition } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import {
  DECIDED_AT,
  OFFICE_ID,
  UNIT,
  nanyangContext,
  registerOffice,
  requestRetention,
  ruleOn,
} from '../testing/office-fixtures';
import { deadlineSetAt, officeRuledOn, retentionRequested, uncoveredOffice } from '../testing/office-history';
import type { Tier } from '../tiers';
import type { OfficeCommand } from './commands';
import { officeDecider } from './decide';
import { deadlineSet, taskDueDate } from './deadlines';
import type { OfficeEvent } from './events';

const context = nanyangContext();
const { given } = givenWhenThen(officeDecider(context));

/** An office the plan does not cover as registered now: its ruling task `office-1/0`, dated in the same append. */
const awaitingRuling = (): OfficeEvent[] => [uncoveredOffice(), deadlineSetAt(0, 'provincial')];

const claim = (approver: string, tier: Tier = 'provincial'): OfficeCommand => ({
  type: 'ClaimTask',
  data: { tier, approver },
});
const release = (approver: string): OfficeCommand => ({
  type: 'ReleaseTask',
  data: { tier: 'provincial', approver },
});
const delegate = (from: string, to: string): OfficeCommand => ({
  type: 'DelegateTask',
  data: { tier: 'provincial', from, to },
});

describe('三 not covered: the ruling is a task of the provincial approvers, due like any other', () => {
  it('registering the office opens the ruling task at the provincial tier, due by the provincial TASK_SLA', () => {
    const { state } = given()
      .when(registerOffice({ sponsor: UNIT.municipalCommerce, host: 'shenzhen' }))
      .then(expect.anything(), deadlineSetAt(0, 'provincial'));
    expect(state.tasks).toEqual([
      {
        taskId: `${OFFICE_ID}/0`,
        kind: 'ruling',
        tier: 'provincial',
        open: true,
        dueAt: taskDueDate(context.taskDeadlines, 'provincial', DECIDED_AT).dueAt,
        basis: deadlineSetAt(0, 'provincial').data.basis,
      },
    ]);
  });

  it('an office the plan covers opens no task at registration', () => {
    const { state } = given()
      .when(registerOffice({ sponsor: UNIT.wancheng, host: 'zhengzhou' }))
      .then(expect.anything());
    expect(state.tasks).toEqual([]);
  });

  it('the ruling closes the task; a later retention request opens a retention task after it', () => {
    const ruled = given(...awaitingRuling())
      .when(ruleOn('provincial', 'retention-may-be-requested', '参照三(一)逐级报批'))
      .then(officeRuledOn('retention-may-be-requested', 'municipal', '参照三(一)逐级报批'));
    expect(ruled.state.tasks.map(({ taskId, kind, open }) => ({ taskId, kind, open }))).toEqual([
      { taskId: `${OFFICE_ID}/0`, kind: 'ruling', open: false },
    ]);
    const requested = given(...awaitingRuling(), officeRuledOn('retention-may-be-requested', 'municipal'))
      .when(requestRetention())
      .then(retentionRequested('municipal'), deadlineSetAt(3, 'municipal'));
    expect(requested.state.tasks.map(({ taskId, kind, open }) => ({ taskId, kind, open }))).toEqual([
      { taskId: `${OFFICE_ID}/0`, kind: 'ruling', open: false },
      { taskId: `${OFFICE_ID}/3`, kind: 'retention', open: true },
    ]);
  });

  it('the ruled outcome replaces ruling-required in the office’s disposition, citing the ruling', () => {
    const abolish = given(...awaitingRuling())
      .when(ruleOn('provincial', 'abolish', '参照三(一)-b撤销'))
      .then(officeRuledOn('abolish', undefined, '参照三(一)-b撤销'));
    expect(abolish.state.office.status !== 'unregistered' && abolish.state.office.office.disposition).toEqual(
      {
        ...uncoveredOffice().data.disposition,
        outcome: 'abolish',
        ruling: { ruling: 'abolish', reasoning: '参照三(一)-b撤销', tier: 'provincial' },
      },
    );
    const retain = given(...awaitingRuling())
      .when(ruleOn('provincial', 'retention-may-be-requested', '可逐级报批'))
      .then(officeRuledOn('retention-may-be-requested', 'municipal', '可逐级报批'));
    expect(retain.state.office.status !== 'unregistered' && retain.state.office.office.disposition).toEqual({
      ...uncoveredOffice().data.disposition,
      outcome: 'retain-or-abolish',
      retentionStartTier: 'municipal',
      ruling: { ruling: 'retention-may-be-requested', reasoning: '可逐级报批', tier: 'provincial' },
    });
  });

  describe('claim, release and delegate, as for a retention task', () => {
    it('a provincial approver claims it; another approver’s ruling is then refused, the holder’s is made', () => {
      given(...awaitingRuling())
        .when(claim('approver.henan'))
        .then({
          type: 'TaskClaimed',
          data: { officeId: OFFICE_ID, tier: 'provincial', assignee: 'approver.henan' },
        });
      const claimed = given(...awaitingRuling(), {
        type: 'TaskClaimed',
        data: { officeId: OFFICE_ID, tier: 'provincial', assignee: 'approver.henan' },
      });
      expect(claimed.state.office).toMatchObject({ status: 'awaiting-ruling', assignee: 'approver.henan' });
      claimed.when(claim('approver.henan')).then();
      claimed
        .when(claim('approver.henan.2'))
        .thenThrows(InvalidTransition, { status: 'awaiting-ruling', message: 'already claimed' });
      claimed
        .when(ruleOn('provincial', 'abolish', '撤销', 'approver.henan.2'))
        .thenThrows(InvalidTransition, { status: 'awaiting-ruling', message: 'claimed by approver.henan' });
      claimed
        .when(ruleOn('provincial', 'abolish', '撤销', 'approver.henan'))
        .then(officeRuledOn('abolish', undefined, '撤销'));
    });

    it('is refused at any tier but the provincial, citing the uncovered case', () => {
      given(...awaitingRuling())
        .when(claim('approver.nanyang', 'municipal'))
        .thenThrows(InvalidTransition, {
          ruleId: 'not-covered',
          status: 'awaiting-ruling',
          message: 'provincial tier',
        });
    });

    it('a release gives it back to the group; a delegation hands it on, on record', () => {
      const claimed = given(...awaitingRuling(), {
        type: 'TaskClaimed',
        data: { officeId: OFFICE_ID, tier: 'provincial', assignee: 'approver.henan' },
      });
      const released = claimed.when(release('approver.henan')).then({
        type: 'TaskReleased',
        data: { officeId: OFFICE_ID, tier: 'provincial', assignee: 'approver.henan' },
      });
      expect(released.state.office).toStrictEqual({
        status: 'awaiting-ruling',
        office: expect.anything(),
      });
      const delegated = claimed.when(delegate('approver.henan', 'approver.henan.2')).then({
        type: 'TaskDelegated',
        data: { officeId: OFFICE_ID, tier: 'provincial', from: 'approver.henan', to: 'approver.henan.2' },
      });
      expect(delegated.state.office).toMatchObject({ assignee: 'approver.henan.2' });
      given(...awaitingRuling())
        .when(release('approver.henan'))
        .thenThrows(InvalidTransition, { status: 'awaiting-ruling', message: 'not claimed' });
    });

    it('nothing is claimed once the ruling is made', () => {
      given(...awaitingRuling(), officeRuledOn('abolish'))
        .when(claim('approver.henan'))
        .thenThrows(InvalidTransition, { status: 'proposed' });
    });
  });

  describe('a log written before ruling tasks had due dates', () => {
    const migrate = (arrivedAt = '2026-11-02T01:00:00.000Z'): OfficeCommand => ({
      type: 'RecordTaskDeadlines',
      data: { tasks: [{ taskId: `${OFFICE_ID}/0`, arrivedAt }] },
      metadata: { now: DECIDED_AT },
    });
    const migrated = (arrivedAt = '2026-11-02T01:00:00.000Z') =>
      deadlineSet(
        OFFICE_ID,
        `${OFFICE_ID}/0`,
        'provincial',
        taskDueDate(context.taskDeadlines, 'provincial', arrivedAt, 'migrated'),
      );

    it('records the ruling task’s due date from the registration, once', () => {
      given(uncoveredOffice()).when(migrate()).then(migrated());
      given(uncoveredOffice(), migrated()).when(migrate()).then();
    });

    it('records it for an office ruled on before, too (a closed task keeps its record)', () => {
      given(uncoveredOffice(), officeRuledOn('abolish')).when(migrate()).then(migrated());
    });

    it('refuses when the registration’s time is not given', () => {
      given(uncoveredOffice())
        .when({ type: 'RecordTaskDeadlines', data: { tasks: [] }, metadata: { now: DECIDED_AT } })
        .thenThrows(InvalidCommand, { field: 'tasks', message: `${OFFICE_ID}/0` });
    });

    it('a changed SLA moves the open ruling task by apply-sla like any other', () => {
      const decider = officeDecider({
        ...context,
        taskDeadlines: {
          ...context.taskDeadlines,
          sla: { ...context.taskDeadlines.sla, provincial: { workingDays: 20 } },
        },
      });
      const events = givenWhenThen(decider)
        .given(...awaitingRuling())
        .when({
          type: 'ApplyTaskSla',
          data: { reason: 'TASK_SLA provincial=20' },
          metadata: { now: DECIDED_AT },
        })
        .then(expect.objectContaining({ type: 'DeadlineMoved' })).events;
      expect(events[0]).toMatchObject({
        type: 'DeadlineMoved',
        data: { taskId: `${OFFICE_ID}/0`, tier: 'provincial', reason: 'TASK_SLA provincial=20' },
      });
    });
  });
});
