import { useQuery } from '@tanstack/react-query';
import { Input, Select, Space } from 'antd';
import { api, unwrap, type Profile, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';

export interface Filters {
  unitId?: string;
  ruleId?: Schemas['DispositionRuleDto']['id'];
  tier?: 'county' | 'municipal' | 'provincial';
  officeName?: string;
}

const TIERS = ['county', 'municipal', 'provincial'] as const;

/** Unit (within the approver's jurisdiction), rule, tier and a search by office name. */
export function InboxFilters({
  me,
  value,
  onChange,
}: {
  me: Profile;
  value: Filters;
  onChange(next: Filters): void;
}) {
  const { t } = useI18n();
  const within = me.jurisdictionId ?? me.unitId;
  const units = useQuery({
    queryKey: ['units', within],
    queryFn: async () => unwrap(await api.GET('/units', { params: { query: { within } } })),
    staleTime: Infinity,
  });
  const rules = useQuery({
    queryKey: ['rules'],
    queryFn: async () => unwrap(await api.GET('/rules')),
    staleTime: Infinity,
  });
  const set = (patch: Filters) => onChange({ ...value, ...patch });
  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="inbox-filters">
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('filterUnit')}
        placeholder={t('filterUnit')}
        style={{ width: 180 }}
        loading={units.isPending}
        value={value.unitId}
        onChange={(unitId?: string) => set({ unitId })}
        options={units.data?.map((unit) => ({ value: unit.id, label: unit.name }))}
      />
      <Select
        allowClear
        aria-label={t('filterRule')}
        placeholder={t('filterRule')}
        style={{ width: 150 }}
        loading={rules.isPending}
        value={value.ruleId}
        onChange={(ruleId?: Filters['ruleId']) => set({ ruleId })}
        options={rules.data?.dispositionRules.map((rule) => ({ value: rule.id, label: rule.id }))}
      />
      <Select
        allowClear
        aria-label={t('filterTier')}
        placeholder={t('filterTier')}
        style={{ width: 120 }}
        value={value.tier}
        onChange={(tier?: Filters['tier']) => set({ tier })}
        options={TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
      />
      <Input.Search
        allowClear
        aria-label={t('searchOffice')}
        placeholder={t('searchOffice')}
        maxLength={100}
        style={{ width: 200 }}
        onSearch={(text) => set({ officeName: text.trim() || undefined })}
      />
    </Space>
  );
}
