import official from 'chinese-days/dist/chinese-days.json';
import type { Tier } from './tiers';

/**
 * The working-day calendar of due dates and deadlines, in China Standard Time (UTC+8, no daylight saving): the
 * PRC's official holidays and adjusted working days (调休) from the State Council's notices, as collected by the
 * chinese-days package (2004 to its last published year), then local overrides. A year the data does not cover
 * falls back to Monday–Friday; overrides fill it in until the package is updated.
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type DayKind = 'workday' | 'holiday';

const OFFICIAL_HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(official.holidays));
const OFFICIAL_WORKDAYS: ReadonlySet<string> = new Set(Object.keys(official.workdays));
const OFFICIAL_YEARS = [...OFFICIAL_HOLIDAYS].map((day) => Number(day.slice(0, 4)));
/** The years whose holidays the official data lists. */
export const OFFICIAL_CALENDAR_YEARS = {
  first: Math.min(...OFFICIAL_YEARS),
  last: Math.max(...OFFICIAL_YEARS),
} as const;

/** `YYYY-MM-DD` of an instant in China Standard Time. */
export function cstDay(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a day ends in China Standard Time: a deadline "by 2015-06-15" passes at 2015-06-16T00:00+08:00. */
export function endOfCstDay(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new RangeError(`${day} is not a date (YYYY-MM-DD)`);
  }
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - CST_OFFSET_MS);
}

export class WorkingCalendar {
  private readonly overrides: ReadonlyMap<string, DayKind>;

  constructor(overrides: Readonly<Record<string, DayKind>> = {}) {
    for (const [day, kind] of Object.entries(overrides)) {
      endOfCstDay(day);
      if (kind !== 'workday' && kind !== 'holiday') {
        throw new RangeError(`calendar override ${day}: ${String(kind)} is neither workday nor holiday`);
      }
    }
    this.overrides = new Map(Object.entries(overrides));
    const byDay = new Map<number, DayKind>();
    const number = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
    for (const day of OFFICIAL_HOLIDAYS) byDay.set(number(day), 'holiday');
    for (const day of OFFICIAL_WORKDAYS) byDay.set(number(day), 'workday');
    for (const [day, kind] of this.overrides) byDay.set(number(day), kind);
    this.byDayNumber = byDay;
  }

  /** Whether the official data (or an override) speaks for this year, rather than the Monday–Friday fallback. */
  covers(day: string): boolean {
    const year = Number(day.slice(0, 4));
    return (
      (year >= OFFICIAL_CALENDAR_YEARS.first && year <= OFFICIAL_CALENDAR_YEARS.last) ||
      this.overrides.has(day)
    );
  }

  kindOf(day: string): DayKind {
    const override = this.overrides.get(day);
    if (override) return override;
    if (OFFICIAL_HOLIDAYS.has(day)) return 'holiday';
    if (OFFICIAL_WORKDAYS.has(day)) return 'workday';
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday === 0 || weekday === 6 ? 'holiday' : 'workday';
  }

  isWorkingDay(instant: Date): boolean {
    return this.isWorkingDayNumber(Math.floor((instant.getTime() + CST_OFFSET_MS) / DAY_MS));
  }

  /** The same time of day `days` working days later (a request made on a holiday counts from the next workday). */
  addWorkingDays(from: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0)
      throw new RangeError(`working days must be a whole number ≥ 0, not ${days}`);
    // Whole CST days as numbers: a due date is computed for every task a replay meets, so no Date per day.
    let day = Math.floor((from.getTime() + CST_OFFSET_MS) / DAY_MS);
    let left = days;
    let steps = 0;
    while (left > 0) {
      day++;
      steps++;
      if (this.isWorkingDayNumber(day)) left -= 1;
    }
    return new Date(from.getTime() + steps * DAY_MS);
  }

  /**
   * Working days after day `from` up to and including day `to`, both counted in days since 1970-01-01 in CST (0 when
   * `to` is not after `from`). By day number, with no date text per day: the inbox counts this for every task it lists.
   */
  workingDaysBetween(from: number, to: number): number {
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (this.isWorkingDayNumber(day)) count++;
    return count;
  }

  /** Days since 1970-01-01 in CST. */
  private isWorkingDayNumber(day: number): boolean {
    const known = this.byDayNumber.get(day);
    if (known !== undefined) return known === 'workday';
    // 1970-01-01 was a Thursday: day 0 is weekday 4.
    const weekday = (((day + 4) % 7) + 7) % 7;
    return weekday !== 0 && weekday !== 6;
  }

  private readonly byDayNumber: ReadonlyMap<number, DayKind>;

  /**
   * Which calendar counted a due date, recorded with it: the official data's years and every local override, so
   * the record says exactly which days were working days.
   */
  get version(): string {
    const overrides = [...this.overrides]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, kind]) => `${day}=${kind}`);
    const official = `official ${OFFICIAL_CALENDAR_YEARS.first}-${OFFICIAL_CALENDAR_YEARS.last}`;
    return overrides.length > 0 ? `${official}; ${overrides.join(',')}` : official;
  }

  /** This calendar with more local overrides (a later one for the same day wins). */
  with(more: Readonly<Record<string, DayKind>>): WorkingCalendar {
    return new WorkingCalendar({ ...Object.fromEntries(this.overrides), ...more });
  }

  add(from: Date, duration: Duration): Date {
    return 'workingDays' in duration
      ? this.addWorkingDays(from, duration.workingDays)
      : new Date(from.getTime() + duration.ms);
  }
}

/** The official calendar without local overrides. */
export const OFFICIAL_CALENDAR = new WorkingCalendar();

/** `2027-01-01=holiday,2027-02-06=workday`: local additions to the official calendar. */
export function parseCalendarOverrides(text: string | undefined, field = 'CALENDAR_OVERRIDES') {
  const overrides: Record<string, DayKind> = {};
  if (!text) return overrides;
  for (const part of text.split(',')) {
    const match = /^\s*(\d{4}-\d{2}-\d{2})\s*=\s*(workday|holiday)\s*$/.exec(part);
    if (!match) throw new Error(`${field}: "${part}" is not YYYY-MM-DD=workday or YYYY-MM-DD=holiday`);
    overrides[match[1]!] = match[2] as DayKind;
  }
  return overrides;
}

/** A span of time: whole working days on the calendar, or a fixed length (tests and demos use seconds). */
export type Duration = { workingDays: number } | { ms: number };

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS } as const;

/** `5` or `5wd` are working days; `30s`, `15m`, `2h`, `3d` (calendar days) and `500ms` are fixed lengths. */
export function parseDuration(text: string, field: string): Duration {
  const match = /^\s*(\d{1,7})\s*(wd|ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) {
    throw new Error(
      `${field}: "${text}" is not a duration (a number of working days like 5 or 5wd, or 30s, 15m, 2h, 3d)`,
    );
  }
  const amount = Number(match[1]);
  const unit = match[2] ?? 'wd';
  return unit === 'wd' ? { workingDays: amount } : { ms: amount * UNIT_MS[unit as keyof typeof UNIT_MS] };
}

/** Per-tier service levels for a pending decision. */
export type TierSla = Record<Tier, Duration>;

export const DEFAULT_TIER_SLA: TierSla = {
  county: { workingDays: 5 },
  municipal: { workingDays: 10 },
  provincial: { workingDays: 15 },
};

/** `county=5,municipal=10,provincial=15` in working days, or with units (`county=30s`); any subset. */
export function parseTierSla(
  text: string | undefined,
  defaults: TierSla = DEFAULT_TIER_SLA,
  field = 'TASK_SLA',
): TierSla {
  const sla = { ...defaults };
  if (!text) return sla;
  for (const part of text.split(',')) {
    const match = /^\s*(county|municipal|provincial)\s*=\s*(.+)$/.exec(part);
    if (!match)
      throw new Error(`${field}: "${part}" is not tier=days (tiers: county, municipal, provincial)`);
    sla[match[1] as Tier] = parseDuration(match[2]!, `${field} ${match[1]}`);
  }
  return sla;
}
