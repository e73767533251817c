import { OFFICIAL_CALENDAR } from './calendar';
import {
  deadlineDecider,
  DEFAULT_ESCALATION_LADDER,
  parseEscalationLadder,
  stepTimes,
  taskDeadlineId,
  type DeadlineNoticeSent,
  type EscalationStep,
  type SendDeadlineNotice,
} from './deadlines';
import { givenWhenThen } from './testing/given-when-then';

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

describe('the escalation ladder', () => {
  it('runs on working days by default: reminder at due, escalation 2, leading group 5 working days later', () => {
    // Due Wednesday 2015-09-30 10:00 CST; 1–7 October are the National Day holidays and Saturday 10 October is
    // worked: 8, 9, 10, 12, 13 October are the five working days after.
    const times = stepTimes(new Date('2015-09-30T02:00:00Z'), DEFAULT_ESCALATION_LADDER, OFFICIAL_CALENDAR);
    expect(times.reminder.toISOString()).toBe('2015-09-30T02:00:00.000Z');
    expect(times.escalation.toISOString()).toBe('2015-10-09T02:00:00.000Z');
    expect(times['leading-group'].toISOString()).toBe('2015-10-13T02:00:00.000Z');
  });

  it('takes seconds for demos and tests, and never lets a step come before the one above it', () => {
    const ladder = parseEscalationLadder('reminder=5s,escalation=2s,leading-group=10s');
    const times = stepTimes(new Date('2015-09-30T02:00:00Z'), ladder, OFFICIAL_CALENDAR);
    expect(times.reminder.toISOString()).toBe('2015-09-30T02:00:05.000Z');
    expect(times.escalation.toISOString()).toBe('2015-09-30T02:00:05.000Z');
    expect(times['leading-group'].toISOString()).toBe('2015-09-30T02:00:10.000Z');
    expect(() => parseEscalationLadder('nag=1s')).toThrow(/steps: reminder, escalation, leading-group/);
  });
});
