import { useI18n, type Locale } from '../../../i18n';
import type { MessageKey } from '../../../i18n/en';
import { regulationEn } from './text.en';
import { regulationZhCN } from './text.zh-CN';

export type RegulationKey = keyof typeof regulationEn;
const CATALOGS: Record<Locale, Record<RegulationKey, string>> = { en: regulationEn, 'zh-CN': regulationZhCN };

/**
 * The regulation panel's strings, kept out of the console's catalog (which loads with every route, the task list's
 * too); anything else comes from the console's catalog.
 */
export function useRegulationI18n(): { t(key: RegulationKey | MessageKey): string } {
  const { t, locale } = useI18n();
  const own = CATALOGS[locale];
  return { t: (key) => (key in own ? own[key as RegulationKey] : t(key as MessageKey)) };
}
