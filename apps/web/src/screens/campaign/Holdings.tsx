import { useQuery } from '@tanstack/react-query';
import { Card, Statistic, Table, Tag, Space } from 'antd';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { emptyText, Loaded } from './States';
import { dateTime, elapsed, fill } from './time';

/** Across the approvers: who holds which open task, and since when (unclaimed ones wait in their group). */
export function Holdings() {
  const { t, locale } = useI18n();
  const holdings = useQuery({
    queryKey: ['tasks', 'holdings'],
    queryFn: async () => unwrap(await api.GET('/tasks/holdings')),
  });
  const now = holdings.data ? Date.parse(holdings.data.at) : Date.now();
  return (
    <Card title={t('campaign.holdings')}>
      <Loaded query={holdings}>
        <Space size="large" style={{ marginBottom: 16 }}>
          <Statistic title={t('campaign.openTasks')} value={holdings.data?.open ?? 0} />
          <Statistic title={t('overdue')} value={holdings.data?.overdue ?? 0} />
        </Space>
        <Table
          data-testid="holdings"
          size="small"
          rowKey={(h) => `${h.candidateGroup} ${h.assignee ?? ''}`}
          dataSource={holdings.data?.holdings}
          scroll={{ x: true }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: emptyText(t('campaign.noHoldings')) }}
          expandable={{
            expandedRowRender: (holding) => (
              <Table
                size="small"
                pagination={false}
                rowKey="taskId"
                dataSource={holding.tasks}
                columns={[
                  { title: t('office'), dataIndex: 'officeName' },
                  {
                    title: t('campaign.since'),
                    dataIndex: 'since',
                    render: (iso: string) => dateTime(iso, locale),
                  },
                  {
                    title: t('due'),
                    dataIndex: 'dueAt',
                    render: (iso: string | null) => dateTime(iso, locale),
                  },
                ]}
              />
            ),
          }}
          columns={[
            {
              title: t('campaign.holder'),
              dataIndex: 'assignee',
              render: (assignee: string | null) => assignee ?? <Tag>{t('unclaimed')}</Tag>,
            },
            { title: t('campaign.group'), dataIndex: 'candidateGroup' },
            { title: t('tier'), dataIndex: 'tier', render: (tier: 'county') => t(`tier.${tier}`) },
            { title: t('campaign.openTasks'), dataIndex: 'open' },
            {
              title: t('overdue'),
              dataIndex: 'overdue',
              render: (n: number) => (n > 0 ? <Tag color="error">{n}</Tag> : n),
            },
            {
              title: t('campaign.longestWait'),
              dataIndex: 'oldestSince',
              render: (iso: string) => fill(t('campaign.daysHours'), elapsed(iso, now)),
            },
          ]}
        />
      </Loaded>
    </Card>
  );
}
