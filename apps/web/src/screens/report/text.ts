import { useI18n, type Locale } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { reportEn } from './text.en';
import { reportZhCN } from './text.zh-CN';

export type ReportKey = keyof typeof reportEn;
const CATALOGS: Record<Locale, Record<ReportKey, string>> = { en: reportEn, 'zh-CN': reportZhCN };

/**
 * The report area's strings, kept in its own chunk rather than the console's catalog (the catalog loads with every
 * route); anything else comes from the console's catalog. An unknown key shows as itself.
 */
export function useReportI18n(): { t(key: ReportKey | MessageKey | string): string; locale: Locale } {
  const { t, locale } = useI18n();
  const own = CATALOGS[locale];
  return {
    locale,
    t: (key) => (key in own ? own[key as ReportKey] : (t(key as MessageKey) ?? key)),
  };
}
