import {
  cstDay,
  endOfCstDay,
  OFFICIAL_CALENDAR,
  OFFICIAL_CALENDAR_YEARS,
  parseCalendarOverrides,
  parseDuration,
  parseTierSla,
  WorkingCalendar,
} from './calendar';

describe('working days (China Standard Time)', () => {
  it('knows weekends in UTC+8, not in UTC', () => {
    // 2015-10-16T20:00Z is Saturday 04:00 in Beijing.
    expect(OFFICIAL_CALENDAR.isWorkingDay(new Date('2015-10-16T20:00:00Z'))).toBe(false);
    expect(OFFICIAL_CALENDAR.isWorkingDay(new Date('2015-10-16T10:00:00Z'))).toBe(true);
    expect(cstDay(new Date('2015-10-16T20:00:00Z'))).toBe('2015-10-17');
  });

  it('knows the official holidays and adjusted working days of 2015', () => {
    // The 70th anniversary of victory: Thursday 2015-09-03 a holiday, Sunday 2015-09-06 worked in lieu.
    expect(OFFICIAL_CALENDAR.isWorkingDay(new Date('2015-09-03T02:00:00Z'))).toBe(false);
    expect(OFFICIAL_CALENDAR.isWorkingDay(new Date('2015-09-06T02:00:00Z'))).toBe(true);
    // National Day week: 1–7 October off, Saturday 10 October worked.
    expect(OFFICIAL_CALENDAR.isWorkingDay(new Date('2015-10-05T02:00:00Z'))).toBe(false);
    expect(OFFICIAL_CALENDAR.isWorkingDay(new Date('2015-10-10T02:00:00Z'))).toBe(true);
    expect(OFFICIAL_CALENDAR_YEARS.first).toBeLessThanOrEqual(2015);
  });

  it('skips weekends and holidays when adding working days', () => {
    // Thursday 2015-10-15 10:00 CST + 2 working days → Monday 2015-10-19 10:00 CST.
    expect(OFFICIAL_CALENDAR.addWorkingDays(new Date('2015-10-15T02:00:00Z'), 2).toISOString()).toBe(
      '2015-10-19T02:00:00.000Z',
    );
    expect(OFFICIAL_CALENDAR.addWorkingDays(new Date('2015-10-15T02:00:00Z'), 0).toISOString()).toBe(
      '2015-10-15T02:00:00.000Z',
    );
    // A Saturday request: five working days run Monday to Friday.
    expect(OFFICIAL_CALENDAR.addWorkingDays(new Date('2015-10-17T02:00:00Z'), 5).toISOString()).toBe(
      '2015-10-23T02:00:00.000Z',
    );
    // Wednesday 30 September + 2: Thursday 8 October and Friday 9 October (the holiday week does not count).
    expect(OFFICIAL_CALENDAR.addWorkingDays(new Date('2015-09-30T02:00:00Z'), 2).toISOString()).toBe(
      '2015-10-09T02:00:00.000Z',
    );
    expect(() => OFFICIAL_CALENDAR.addWorkingDays(new Date(), -1)).toThrow(RangeError);
  });

  it('falls back to Monday–Friday where the data ends, and takes local overrides first', () => {
    const year = OFFICIAL_CALENDAR_YEARS.last + 1;
    const calendar = new WorkingCalendar(parseCalendarOverrides(`${year}-01-01=holiday,2015-10-10=holiday`));
    expect(calendar.covers(`${year}-03-03`)).toBe(false);
    expect(calendar.covers(`${year}-01-01`)).toBe(true);
    expect(calendar.kindOf(`${year}-01-01`)).toBe('holiday');
    expect(calendar.kindOf('2015-10-10')).toBe('holiday');
    expect(() => parseCalendarOverrides('2027-13-01=holiday')).not.toThrow();
    expect(() => new WorkingCalendar(parseCalendarOverrides('2027-13-01=holiday'))).toThrow(/not a date/);
    expect(() => parseCalendarOverrides('2027-01-01=day-off')).toThrow(/workday or/);
  });

  it('ends a deadline day at midnight Beijing time', () => {
    expect(endOfCstDay('2015-06-15').toISOString()).toBe('2015-06-15T16:00:00.000Z');
  });
});

describe('durations and SLAs', () => {
  it('reads working days, and fixed lengths with a unit', () => {
    expect(parseDuration('5', 'X')).toEqual({ workingDays: 5 });
    expect(parseDuration('5wd', 'X')).toEqual({ workingDays: 5 });
    expect(parseDuration('30s', 'X')).toEqual({ ms: 30_000 });
    expect(parseDuration('2h', 'X')).toEqual({ ms: 7_200_000 });
    expect(() => parseDuration('soon', 'X')).toThrow(/X: "soon" is not a duration/);
  });

  it('reads per-tier SLAs from configuration', () => {
    expect(parseTierSla('municipal=3')).toEqual({
      county: { workingDays: 5 },
      municipal: { workingDays: 3 },
      provincial: { workingDays: 15 },
    });
    expect(parseTierSla('county=2s').county).toEqual({ ms: 2000 });
    expect(() => parseTierSla('city=3')).toThrow(/county, municipal, provincial/);
  });
});
