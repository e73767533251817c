import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n, type Locale } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { emptyText, Loaded } from './States';
import { dateTime } from './time';

type Lapse = Schemas['RegulationLapseDto'];

// This tab's own words, in the campaign's chunk rather than the console's catalog (which every route loads).
const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    tab: 'Retained offices',
    title: "Retained offices' lapses (五, 六)",
    none: 'No retained office has a duty past its date',
    duty: 'Duty',
    section: 'Section',
    lastStep: 'Notices sent up to',
    'duty.decoupling': 'Decoupling from business entities',
    'duty.disclosure': 'Disclosure of reception spending',
    'duty.appraisal': 'Yearly appraisal',
    'duty.complaint': "A complaint's result",
  },
  'zh-CN': {
    tab: '保留机构',
    title: '保留机构逾期事项(五、六)',
    none: '保留机构没有逾期未履行的事项',
    duty: '事项',
    section: '条款',
    lastStep: '已通知至',
    'duty.decoupling': '与经营实体脱钩',
    'duty.disclosure': '接待经费公开',
    'duty.appraisal': '年度考核',
    'duty.complaint': '投诉处理结果',
  },
};

export function lapsesLabel(locale: Locale): string {
  return TEXT[locale].tab!;
}

/** Every retained office's duty past its date and unmet, within the supervisor's jurisdiction (GET /regulation/lapses). */
export function Lapses() {
  const { t, locale } = useI18n();
  const own = TEXT[locale];
  const lapses = useQuery({
    queryKey: ['regulation', 'lapses'],
    queryFn: async () => unwrap(await api.GET('/regulation/lapses')),
  });
  return (
    <Card title={own.title}>
      <Loaded query={lapses}>
        <Table<Lapse>
          data-testid="regulation-lapses"
          size="small"
          rowKey="deadlineId"
          dataSource={lapses.data}
          scroll={{ x: true }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: emptyText(own.none!) }}
          columns={[
            { title: t('office'), dataIndex: 'officeName' },
            { title: own.section, dataIndex: 'section', render: (section: string) => <Tag>{section}</Tag> },
            {
              title: own.duty,
              key: 'duty',
              render: (_, lapse) =>
                `${own[`duty.${lapse.duty}`]}${lapse.subject ? ` · ${lapse.subject}` : ''}`,
            },
            { title: t('due'), dataIndex: 'dueAt', render: (iso: string) => dateTime(iso, locale) },
            {
              title: own.lastStep,
              dataIndex: 'lastStep',
              render: (step: string | null) =>
                step ? <Tag color="error">{t(`desk.step.${step}` as MessageKey)}</Tag> : '—',
            },
          ]}
        />
      </Loaded>
    </Card>
  );
}
