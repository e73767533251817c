import { OFFICIAL_CALENDAR } from './calendar';
import {
  decideDeadline,
  DEFAULT_ESCALATION_LADDER,
  evolveDeadline,
  initialDeadlineState,
  parseEscalationLadder,
  stepTimes,
  taskDeadlineId,
  type DeadlineEvent,
  type EscalationStep,
  type SendDeadlineNotice,
} from './deadlines';

const deadline = {
  deadlineId: taskDeadlineId('0b7c1f3e-0000-4000-8000-000000000001/3'),
  kind: 'task' as const,
  subjectId: '0b7c1f3e-0000-4000-8000-000000000001/3',
  officeId: '0b7c1f3e-0000-4000-8000-000000000001',
  unitId: 'henan.nanyang.xichuan',
  title: '淅川县驻郑州办事处',
};

function send(step: EscalationStep): SendDeadlineNotice {
  return {
    type: 'SendDeadlineNotice',
    data: {
      deadline,
      step,
      dueAt: '2015-10-20T02:00:00.000Z',
      sentAt: '2015-10-28T02:00:00.000Z',
      audiences: {
        reminder: ['approvers:county@henan.nanyang.xichuan'],
        escalation: ['supervisors:henan.nanyang'],
        'leading-group': ['supervisors:henan.nanyang'],
      },
    },
  };
}

/** Given the notices already sent, when a step is asked for, then these steps go out. */
function given(...sent: EscalationStep[]) {
  const events = sent.flatMap((step) => decideDeadline(send(step), stateOf([])));
  return {
    when: (step: EscalationStep) => ({
      thenSends: (...expected: EscalationStep[]) => {
        const state = stateOf(events.filter((e) => sent.includes(e.data.step)));
        expect(decideDeadline(send(step), state).map((e) => e.data.step)).toEqual(expected);
      },
    }),
  };
}

function stateOf(events: DeadlineEvent[]) {
  return events.reduce(evolveDeadline, initialDeadlineState());
}

describe('deadline notices: one per deadline and step', () => {
  it('sends a reminder the first time', () => given().when('reminder').thenSends('reminder'));
  it('sends nothing when the reminder has gone out', () => given('reminder').when('reminder').thenSends());
  it('escalates after the reminder', () => given('reminder').when('escalation').thenSends('escalation'));
  it('sends the missed reminder first when the escalation comes due unsent', () =>
    given().when('escalation').thenSends('reminder', 'escalation'));
  it('catches up every step for the leading group', () =>
    given().when('leading-group').thenSends('reminder', 'escalation', 'leading-group'));
  it('sends nothing for a step already past', () =>
    given('reminder', 'escalation').when('reminder').thenSends());

  it('addresses each step to its audience and circulates only the leading-group notice', () => {
    const events = decideDeadline(send('leading-group'), initialDeadlineState());
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
