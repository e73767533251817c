import type { WorkingCalendar } from '@liaison/domain';

const DAY_MS = 24 * 60 * 60 * 1000;
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
/** Past this many days either way the count stops: a badge needs no more. */
const MAX_DAYS = 366;

export type DueWhen = 'overdue' | 'today' | 'this-week' | 'later';

/** How far a due date is, on the working-day calendar, as the inbox's badges show it. */
export interface DueIn {
  /** Working days from today to the due day (China Standard Time): 0 due today, below 0 overdue by so many. */
  workingDays: number;
  /** Overdue (the instant has passed), due today, due by the end of this week (Sunday), or later. */
  when: DueWhen;
}

const dayNumber = (instant: number) => Math.floor((instant + CST_OFFSET_MS) / DAY_MS);

export function dueIn(calendar: WorkingCalendar, now: Date, dueAt: string): DueIn {
  const due = Date.parse(dueAt);
  const today = dayNumber(now.getTime());
  const dueDay = dayNumber(due);
  const [from, to, sign] = dueDay >= today ? [today, dueDay, 1] : [dueDay, today, -1];
  const workingDays = calendar.workingDaysBetween(from, Math.min(to, from + MAX_DAYS));
  // 1970-01-01 was a Thursday: days to this week's Sunday.
  const weekday = (((today + 3) % 7) + 7) % 7; // 0 Monday … 6 Sunday
  const when: DueWhen =
    due < now.getTime()
      ? 'overdue'
      : dueDay === today
        ? 'today'
        : dueDay <= today + (6 - weekday)
          ? 'this-week'
          : 'later';
  return { workingDays: sign * workingDays, when };
}
