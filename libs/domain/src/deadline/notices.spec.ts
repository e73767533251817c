import { givenWhenThen } from '../testing/given-when-then';
import type { SendDeadlineNotice } from './commands';
import { deadlineDecider } from './decide';
import type { DeadlineNoticeSent } from './events';
import { taskDeadlineId } from './ids';
import type { EscalationStep } from './ladder';

const { given } = givenWhenThen(deadlineDecider);

const deadline = {
  deadlineId: taskDeadlineId('0b7c1f3e-0000-4000-8000-000000000001/3'),
  kind: 'task' as const,
  subjectId: '0b7c1f3e-0000-4000-8000-000000000001/3',
  officeId: '0b7c1f3e-0000-4000-8000-000000000001',
  unitId: 'henan.nanyang.xichuan',
  title: '淅川县驻郑州办事处',
};

const DUE_AT = '2015-10-20T02:00:00.000Z';
const SENT_AT = '2015-10-28T02:00:00.000Z';

const AUDIENCES: Record<EscalationStep, string[]> = {
  reminder: ['approvers:county@henan.nanyang.xichuan'],
  escalation: ['supervisors:henan.nanyang'],
  'leading-group': ['supervisors:henan.nanyang'],
};

const MESSAGES: Record<EscalationStep, string> = {
  reminder: `Reminder: the retention decision for 淅川县驻郑州办事处 was due ${DUE_AT}.`,
  escalation: `Escalated: the retention decision for 淅川县驻郑州办事处 is overdue since ${DUE_AT}; the tier above is asked to intervene.`,
  'leading-group': `Leading group: the retention decision for 淅川县驻郑州办事处 is still overdue since ${DUE_AT}; it is listed for circulation (通报).`,
};

function send(step: EscalationStep): SendDeadlineNotice {
  return {
    type: 'SendDeadlineNotice',
    data: { deadline, step, dueAt: DUE_AT, sentAt: SENT_AT, audiences: AUDIENCES },
  };
}

function sent(step: EscalationStep): DeadlineNoticeSent {
  return {
    type: 'DeadlineNoticeSent',
    data: {
      ...deadline,
      step,
      dueAt: DUE_AT,
      sentAt: SENT_AT,
      audience: AUDIENCES[step],
      circulate: step === 'leading-group',
      message: MESSAGES[step],
    },
  };
}

describe('deadline notices: one per deadline and step', () => {
  it('sends a reminder the first time', () => {
    given().when(send('reminder')).then(sent('reminder'));
  });
  it('sends nothing when the reminder has gone out', () => {
    given(sent('reminder')).when(send('reminder')).then();
  });
  it('escalates after the reminder', () => {
    given(sent('reminder')).when(send('escalation')).then(sent('escalation'));
  });
  it('sends the missed reminder first when the escalation comes due unsent', () => {
    given().when(send('escalation')).then(sent('reminder'), sent('escalation'));
  });
  it('catches up every step for the leading group', () => {
    given().when(send('leading-group')).then(sent('reminder'), sent('escalation'), sent('leading-group'));
  });
  it('sends nothing for a step already past', () => {
    given(sent('reminder'), sent('escalation')).when(send('reminder')).then();
  });
  it('addresses each step to its audience and circulates only the leading-group notice', () => {
    const { events } = given()
      .when(send('leading-group'))
      .then(sent('reminder'), sent('escalation'), sent('leading-group'));
    expect(events.map((e) => [e.data.step, e.data.audience, e.data.circulate])).toEqual([
      ['reminder', ['approvers:county@henan.nanyang.xichuan'], false],
      ['escalation', ['supervisors:henan.nanyang'], false],
      ['leading-group', ['supervisors:henan.nanyang'], true],
    ]);
    expect(events[2]!.data.message).toMatch(/通报/);
    expect(events[0]!.data.deadlineId).toBe('task.0b7c1f3e-0000-4000-8000-000000000001.3');
  });
});

describe('a ruling task’s notices', () => {
  it('speak of the provincial ruling the office awaits, and carry the task kind', () => {
    const ruling = {
      deadlineId: taskDeadlineId('0b7c1f3e-0000-4000-8000-000000000002/0'),
      kind: 'task' as const,
      taskKind: 'ruling' as const,
      subjectId: '0b7c1f3e-0000-4000-8000-000000000002/0',
      officeId: '0b7c1f3e-0000-4000-8000-000000000002',
      unitId: 'henan',
      title: '南阳市发展和改革委员会驻上海办事处',
    };
    const audiences = {
      reminder: ['approvers:provincial@henan'],
      escalation: ['supervisors:henan'],
      'leading-group': ['supervisors:henan'],
    };
    given()
      .when({
        type: 'SendDeadlineNotice',
        data: { deadline: ruling, step: 'reminder', dueAt: DUE_AT, sentAt: SENT_AT, audiences },
      })
      .then({
        type: 'DeadlineNoticeSent',
        data: {
          ...ruling,
          step: 'reminder',
          dueAt: DUE_AT,
          sentAt: SENT_AT,
          audience: ['approvers:provincial@henan'],
          circulate: false,
          message: `Reminder: the provincial ruling on 南阳市发展和改革委员会驻上海办事处 (an office the plan does not cover, 三) was due ${DUE_AT}.`,
        },
      });
  });
});
