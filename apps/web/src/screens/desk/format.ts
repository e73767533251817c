import type { Locale } from '../../i18n';
import { formatDate, formatDateTime, formatter } from '../../ui/datetime';

// Dates are shown on the campaign's clock, as everywhere in the console.
export { formatDate, formatDateTime, TIME_ZONE } from '../../ui/datetime';

export function formatYuan(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(value);
}

/**
 * A deadline that falls at midnight in Beijing is the end of the day before (七's "by 15 June" is 16 June 00:00):
 * shown as that day's end, as the plan words it.
 */
export function formatDeadline(instant: string, locale: Locale, endOfDay: string): string {
  const parts = formatter('en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
  if (parts !== '00:00') return formatDateTime(instant, locale);
  return `${formatDate(new Date(Date.parse(instant) - 1).toISOString(), locale)} ${endOfDay}`;
}
