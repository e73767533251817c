import { useMemo } from 'react';
import { useI18n, type Locale } from '../i18n';

/** Every date and time in the console is China Standard Time, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

export interface DateFormat {
  /** Date and time, e.g. 2026年12月2日 17:00 / Dec 2, 2026, 5:00 PM. */
  dateTime(iso: string): string;
  /** The date alone. */
  date(iso: string): string;
}

export function dateFormat(locale: Locale): DateFormat {
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const date = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'medium' });
  return {
    dateTime: (iso) => dateTime.format(new Date(iso)),
    date: (iso) => date.format(new Date(iso)),
  };
}

/** The formatters of the language chosen now. */
export function useDateFormat(): DateFormat {
  const { locale } = useI18n();
  return useMemo(() => dateFormat(locale), [locale]);
}
