import { cstDay } from '../calendar';
import { InvalidCommand, InvalidTransition, PolicyViolation } from '../errors';
import type { RegulationState } from './state';

/** Every record is about a retained office whose regulation has opened. */
export function mustBeRegulated(
  state: RegulationState,
  officeId: string,
): NonNullable<RegulationState['office']> {
  if (!state.office) {
    throw new InvalidTransition(
      `office ${officeId} is not a retained office: only an office whose retention was approved is regulated (四, 五, 六)`,
      'not-retained',
    );
  }
  return state.office;
}

/** A duty's own evidence or text: the plan asks for it, so a blank one cites the section. */
export function required(value: string, field: string, section: string, what: string): string {
  const text = value.trim();
  if (text === '') throw new PolicyViolation(section, `${what} (${section})`, field);
  return text;
}

/** A calendar day (YYYY-MM-DD) no later than the day the record is made. */
export function pastDay(value: string, field: string, now: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidCommand(field, `${field} must be a calendar day, YYYY-MM-DD`);
  }
  if (value > cstDay(new Date(now))) {
    throw new InvalidCommand(
      field,
      `${field} ${value} is after today (${cstDay(new Date(now))}): record what happened`,
    );
  }
  return value;
}

/** The year (in China Standard Time) an instant falls in. */
export function cstYear(instant: string): number {
  return Number(cstDay(new Date(instant)).slice(0, 4));
}

/** A year between the retention and the current one. */
export function yearInRange(year: number, field: string, retainedAt: string, now: string): number {
  const first = cstYear(retainedAt);
  const last = cstYear(now);
  if (!Number.isInteger(year) || year < first || year > last) {
    throw new InvalidCommand(
      field,
      `${field} must be a year from the retention (${first}) to the current year (${last})`,
    );
  }
  return year;
}

/** An amount in yuan: finite, not negative. */
export function amount(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidCommand(field, `${field} must be an amount in yuan, zero or more`);
  }
  return value;
}

/** An id that is also safe inside a deadline id and a queue job id. */
export function recordId(value: string, field: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new InvalidCommand(field, `${field} must be 1–64 letters, digits, '-' or '_'`);
  }
  return value;
}

/**
 * A record keyed by id (a reception, a year's disclosure, a complaint) is made once: the same record again is a
 * retry, a different one a conflict.
 */
export function once<T extends object>(
  existing: T | undefined,
  incoming: Partial<T>,
  what: string,
  section: string,
): boolean {
  if (existing === undefined) return false;
  const same = Object.entries(incoming).every(
    ([key, value]) => JSON.stringify((existing as Record<string, unknown>)[key]) === JSON.stringify(value),
  );
  if (same) return true;
  throw new InvalidTransition(`${what} is already recorded, differently (${section})`, 'recorded', section);
}
