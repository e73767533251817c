import { OFFICIAL_CALENDAR, parseCalendarOverrides, WorkingCalendar } from '@liaison/domain';
import { dueIn } from './due-in';

// Instants in China Standard Time, as approvers read them.
const cst = (text: string) => new Date(`${text}+08:00`);

describe('how far a task is due, on the working-day calendar', () => {
  it('counts working days to the due day, skipping the weekend', () => {
    // Friday 2026-11-27 → Tuesday 2026-12-01: Monday and Tuesday.
    expect(dueIn(OFFICIAL_CALENDAR, cst('2026-11-27T10:00:00'), '2026-12-01T02:00:00.000Z')).toEqual({
      workingDays: 2,
      when: 'later',
    });
  });

  it('due later today, by Sunday, or overdue by so many working days', () => {
    const monday = cst('2026-11-30T09:00:00');
    expect(dueIn(OFFICIAL_CALENDAR, monday, cst('2026-11-30T17:00:00').toISOString())).toEqual({
      workingDays: 0,
      when: 'today',
    });
    expect(dueIn(OFFICIAL_CALENDAR, monday, cst('2026-12-04T17:00:00').toISOString())).toEqual({
      workingDays: 4,
      when: 'this-week',
    });
    expect(dueIn(OFFICIAL_CALENDAR, monday, cst('2026-11-30T08:00:00').toISOString()).when).toBe('overdue');
    // Due the Thursday before: Friday and Monday have passed since.
    expect(dueIn(OFFICIAL_CALENDAR, monday, cst('2026-11-26T17:00:00').toISOString())).toEqual({
      workingDays: -2,
      when: 'overdue',
    });
  });

  it('follows the official holidays and local overrides', () => {
    // 2026-10-01…07 is the National Day holiday: from Wednesday 2026-09-30 to Thursday 2026-10-08, one working day.
    expect(
      dueIn(OFFICIAL_CALENDAR, cst('2026-09-30T09:00:00'), cst('2026-10-08T09:00:00').toISOString()),
    ).toEqual({
      workingDays: 1,
      when: 'later',
    });
    const local = new WorkingCalendar(parseCalendarOverrides('2026-12-01=holiday'));
    expect(dueIn(local, cst('2026-11-27T10:00:00'), '2026-12-01T02:00:00.000Z').workingDays).toBe(1);
  });
});
