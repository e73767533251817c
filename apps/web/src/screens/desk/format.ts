import type { Locale } from '../../i18n';

/** The campaign runs on Beijing time, wherever the browser is: every date the desk shows is in it. */
export const TIME_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

export function formatDateTime(instant: string, locale: Locale): string {
  return formatter(locale, true).format(new Date(instant));
}

export function formatDate(instant: string, locale: Locale): string {
  return formatter(locale, false).format(new Date(instant));
}

export function formatYuan(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(value);
}

/**
 * A deadline that falls at midnight in Beijing is the end of the day before (七's "by 15 June" is 16 June 00:00):
 * shown as that day's end, as the plan words it.
 */
export function formatDeadline(instant: string, locale: Locale, endOfDay: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
  if (parts !== '00:00') return formatDateTime(instant, locale);
  return `${formatDate(new Date(Date.parse(instant) - 1).toISOString(), locale)} ${endOfDay}`;
}
