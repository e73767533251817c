import { addWorkingDays, isWorkingDay, parseTierSla } from './calendar';

describe('working days (China Standard Time)', () => {
  it('knows weekends in UTC+8, not in UTC', () => {
    // 2015-10-16T20:00Z is Saturday 04:00 in Beijing.
    expect(isWorkingDay(new Date('2015-10-16T20:00:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2015-10-16T10:00:00Z'))).toBe(true);
  });

  it('skips weekends when adding working days', () => {
    // Thursday 2015-10-15 10:00 CST + 2 working days → Monday 2015-10-19 10:00 CST.
    expect(addWorkingDays(new Date('2015-10-15T02:00:00Z'), 2).toISOString()).toBe(
      '2015-10-19T02:00:00.000Z',
    );
    expect(addWorkingDays(new Date('2015-10-15T02:00:00Z'), 0).toISOString()).toBe(
      '2015-10-15T02:00:00.000Z',
    );
    // A Saturday request: five working days run Monday to Friday.
    expect(addWorkingDays(new Date('2015-10-17T02:00:00Z'), 5).toISOString()).toBe(
      '2015-10-23T02:00:00.000Z',
    );
    expect(() => addWorkingDays(new Date(), -1)).toThrow(RangeError);
  });

  it('reads per-tier SLAs from configuration', () => {
    expect(parseTierSla('municipal=3')).toEqual({ county: 5, municipal: 3, provincial: 15 });
    expect(() => parseTierSla('city=3')).toThrow(/county, municipal, provincial/);
  });
});
