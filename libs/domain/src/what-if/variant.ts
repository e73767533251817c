import { endOfCstDay, type Duration, type TierSla, type WorkingCalendar } from '../calendar';
import type { Phase } from '../campaign/phases';
import type { EscalationLadder } from '../deadline/ladder';
import { InvalidCommand } from '../errors';

/**
 * What a supervisor asks "what if" of: another time for a decision at some tiers, another escalation ladder, extra
 * holidays on the working-day calendar, or other phase deadlines (七). Anything not given stays as it was.
 */
export interface WhatIfVariant {
  sla?: Partial<TierSla>;
  ladder?: Partial<EscalationLadder>;
  /** Extra holidays, `YYYY-MM-DD` (China Standard Time). */
  holidays?: readonly string[];
  /** Phase deadlines as instants (ISO-8601). */
  phaseDeadlines?: Partial<Record<Phase, string>>;
}

/** What decides when a deadline's notices go out: the ladder, on a working-day calendar. */
export interface NoticePolicy {
  ladder: EscalationLadder;
  calendar: WorkingCalendar;
}

/** The policy a variant gives, from the one the service runs with. */
export function variantPolicy(actual: NoticePolicy, variant: WhatIfVariant): NoticePolicy {
  const holidays = Object.fromEntries((variant.holidays ?? []).map((day) => [day, 'holiday' as const]));
  return {
    ladder: { ...actual.ladder, ...variant.ladder },
    calendar: variant.holidays?.length ? actual.calendar.with(holidays) : actual.calendar,
  };
}

/** The time a variant gives a task at `tier`, or undefined when it leaves the recorded one. */
export function variantAllowance(variant: WhatIfVariant, tier: keyof TierSla): Duration | undefined {
  return variant.sla?.[tier];
}

/** The span a what-if looks at: deadlines falling due in it, the log read up to its end. */
export interface WhatIfPeriod {
  from: string;
  to: string;
}

/** A what-if replays at most this much of the log's deadlines at once. */
export const MAX_WHAT_IF_DAYS = 400;

/** A period is two instants in order, no longer than MAX_WHAT_IF_DAYS. */
export function checkPeriod(period: WhatIfPeriod): void {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  if (Number.isNaN(from)) throw new InvalidCommand('from', 'from must be an instant (ISO-8601)');
  if (Number.isNaN(to)) throw new InvalidCommand('to', 'to must be an instant (ISO-8601)');
  if (to <= from) throw new InvalidCommand('to', 'to must be after from');
  if (to - from > MAX_WHAT_IF_DAYS * 86_400_000) {
    throw new InvalidCommand('to', `a what-if covers at most ${MAX_WHAT_IF_DAYS} days`);
  }
}

/** Extra holidays must be days. */
export function checkHolidays(days: readonly string[]): void {
  for (const day of days) {
    try {
      endOfCstDay(day);
    } catch {
      throw new InvalidCommand('holidays', `${day} is not a date (YYYY-MM-DD)`);
    }
  }
}
