import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { Locale } from '../../i18n';
import { formatDate, formatDateTime } from '../../ui/datetime';

dayjs.extend(utc);

/** The console's one clock (Asia/Shanghai; China has no daylight saving). */
export { TIME_ZONE as ZONE } from '../../ui/datetime';
const OFFSET_MINUTES = 8 * 60;

/** An instant as date and time in Asia/Shanghai, in the locale's format; '–' for none. */
export function dateTime(iso: string | null | undefined, locale: Locale): string {
  return iso ? formatDateTime(iso, locale) : '–';
}

/** An instant's date alone, in Asia/Shanghai; '–' for none. */
export function dateOnly(iso: string | null | undefined, locale: Locale): string {
  return iso ? formatDate(iso, locale) : '–';
}

/** How long since an instant, in whole days and hours (the locale's words come from the catalog). */
export function elapsed(since: string, now: number): { days: number; hours: number } {
  const hours = Math.max(0, Math.floor((now - Date.parse(since)) / 3_600_000));
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}

/** A date picker's value for an instant, on the Asia/Shanghai clock whatever the browser's zone. */
export function pickerValue(iso: string): Dayjs {
  return dayjs(iso).utcOffset(OFFSET_MINUTES);
}

/** Fills `{name}` placeholders of a catalog string. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
