import { ValidateBy, type ValidationOptions } from 'class-validator';

/** RFC 3339's date-time: a full date, a time to the second, and a zone (Z or an offset). Nothing else is read. */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;

export const INSTANT_RULE =
  'an RFC 3339 date-time with a zone, like 2015-10-31T16:00:00Z or 2015-11-01T00:00:00+08:00';

/**
 * Whether the text names one instant: RFC 3339 with a zone, on a day the calendar has. Week dates (2026-W48),
 * ordinal dates (2026-333), times without seconds or zone are refused rather than read in the server's zone.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = RFC3339.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.parse rolls 2026-02-30 over into March: the day must be one the month has.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && !Number.isNaN(Date.parse(value));
}

/** A query or body field holding an instant (see isInstant). */
export function IsInstant(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    { name: 'instant', validator: { validate: isInstant } },
    { message: ({ property }) => `${property} must be ${INSTANT_RULE}`, ...options },
  );
}
