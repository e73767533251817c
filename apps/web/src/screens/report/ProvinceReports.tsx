import { Table, Tag } from 'antd';
import { useReportI18n } from './text';
import { emptyText, Loaded } from '../campaign/States';
import { dateTime } from '../campaign/time';
import { useProvinceReports } from './data';

/** The provincial Bureau's view: each city's report, its steps, its review and when it was submitted. */
export function ProvinceReports({
  provinceId,
  onOpen,
}: {
  provinceId: string;
  onOpen(cityId: string): void;
}) {
  const { t, locale } = useReportI18n();
  const reports = useProvinceReports(provinceId);
  const label = (key: string) => t(key);
  return (
    <Loaded query={reports}>
      <Table
        rowKey="cityId"
        size="small"
        pagination={false}
        dataSource={reports.data ?? []}
        locale={{ emptyText: emptyText(t('campaign.empty')) }}
        columns={[
          {
            title: t('report.city'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <a href="#" onClick={(event) => (event.preventDefault(), onOpen(row.cityId))}>
                {name}
              </a>
            ),
          },
          {
            title: t('report.steps'),
            render: (_, row) =>
              row.steps.map((step) => (
                <Tag key={step.step} color={step.done ? 'green' : 'default'}>
                  {label(`report.step.${step.step}`)}
                </Tag>
              )),
          },
          {
            title: t('report.review'),
            render: (_, row) => (row.review ? label(`report.decision.${row.review.decision}`) : '–'),
          },
          {
            title: t('report.submission'),
            dataIndex: 'submittedAt',
            render: (at: string | null) => dateTime(at, locale),
          },
        ]}
      />
    </Loaded>
  );
}
