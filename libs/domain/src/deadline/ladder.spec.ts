import { OFFICIAL_CALENDAR } from '../calendar';
import { DEFAULT_ESCALATION_LADDER, parseEscalationLadder, stepTimes } from './ladder';

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
