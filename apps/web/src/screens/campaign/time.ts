import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { Locale } from '../../i18n';

dayjs.extend(utc);

/** The campaign's own clock: every instant is shown as it read in Nanyang (China has no daylight saving). */
export const ZONE = 'Asia/Shanghai';
const OFFSET_MINUTES = 8 * 60;

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone: ZONE, ...options });
    formats.set(key, found);
  }
  return found;
}

/** An instant as date and time in Asia/Shanghai, in the locale's format; '–' for none. */
export function dateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '–';
  return format(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** An instant's date alone, in Asia/Shanghai. */
export function dateOnly(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '–';
  return format(locale, { dateStyle: 'medium' }).format(new Date(iso));
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
