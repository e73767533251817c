import { useMemo } from 'react';
import { useI18n, type Locale } from '../i18n';

/** Every date and time in the console is China Standard Time (no daylight saving), whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

/** A formatter on the campaign's clock, made once per locale and options. */
export function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options });
    formats.set(key, found);
  }
  return found;
}

/** Date and time, e.g. 2026年12月2日 17:00 / Dec 2, 2026, 5:00 PM. */
export function formatDateTime(iso: string, locale: Locale): string {
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The date alone. */
export function formatDate(iso: string, locale: Locale): string {
  return formatter(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

export interface DateFormat {
  dateTime(iso: string): string;
  date(iso: string): string;
}

export function dateFormat(locale: Locale): DateFormat {
  return { dateTime: (iso) => formatDateTime(iso, locale), date: (iso) => formatDate(iso, locale) };
}

/** The formatters of the language chosen now. */
export function useDateFormat(): DateFormat {
  const { locale } = useI18n();
  return useMemo(() => dateFormat(locale), [locale]);
}
