/**
 * Working days for due dates. For now weekends only, in China Standard Time (UTC+8, no daylight saving); the
 * official holidays and adjusted working days (调休) come with the deadline calendar.
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isWorkingDay(instant: Date): boolean {
  const weekday = new Date(instant.getTime() + CST_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The same time of day `days` working days later (a request made on a Saturday counts from Monday). */
export function addWorkingDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`working days must be a whole number ≥ 0, not ${days}`);
  let current = from.getTime();
  let left = days;
  while (left > 0) {
    current += DAY_MS;
    if (isWorkingDay(new Date(current))) left -= 1;
  }
  return new Date(current);
}

/** Per-tier service levels for a pending decision, in working days. */
export type TierSla = Record<'county' | 'municipal' | 'provincial', number>;

export const DEFAULT_TIER_SLA: TierSla = { county: 5, municipal: 10, provincial: 15 };

/** `county=5,municipal=10,provincial=15` (any subset; the rest keep their defaults). */
export function parseTierSla(text: string | undefined, defaults: TierSla = DEFAULT_TIER_SLA): TierSla {
  const sla = { ...defaults };
  if (!text) return sla;
  for (const part of text.split(',')) {
    const match = /^\s*(county|municipal|provincial)\s*=\s*(\d{1,3})\s*$/.exec(part);
    if (!match)
      throw new Error(
        `TASK_SLA_WORKING_DAYS: "${part}" is not tier=days (tiers: county, municipal, provincial)`,
      );
    sla[match[1] as keyof TierSla] = Number(match[2]);
  }
  return sla;
}
