import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Select, Space, Table, Tag, Timeline as AntTimeline, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { Loaded } from './States';
import { dateTime } from './time';

const show = (value: unknown) =>
  value === null || value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value);

/** Any office's timeline: each event with who, in which role and tier, why, and what it changed. */
export function Timeline() {
  const { t, locale } = useI18n();
  const { officeId } = useParams();
  const navigate = useNavigate();
  const offices = useQuery({
    queryKey: ['offices', 'all'],
    queryFn: async () => unwrap(await api.GET('/offices', { params: { query: { pageSize: 500 } } })),
  });
  const timeline = useQuery({
    queryKey: ['timeline', officeId],
    enabled: officeId !== undefined,
    queryFn: async () =>
      unwrap(
        await api.GET('/offices/{officeId}/timeline', {
          params: { path: { officeId: officeId! }, query: { limit: 1000 } },
        }),
      ),
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <label htmlFor="office-picker">{t('office')}</label>
          <Select
            id="office-picker"
            data-testid="office-picker"
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 320, maxWidth: '100%' }}
            placeholder={t('campaign.pickOffice')}
            loading={offices.isPending}
            value={officeId}
            onChange={(id: string) => void navigate(`/console/campaign/offices/${id}`)}
            options={offices.data?.items.map((office) => ({ value: office.officeId, label: office.name }))}
            notFoundContent={offices.isError ? t('loadFailed') : t('campaign.empty')}
          />
        </Space>
      </Card>
      {officeId === undefined ? (
        <Card>
          <Typography.Text>{t('campaign.pickOffice')}</Typography.Text>
        </Card>
      ) : (
        <Card title={t('timeline')} data-testid="office-timeline">
          <Loaded query={timeline} empty={timeline.data?.items.length === 0}>
            <AntTimeline
              items={timeline.data?.items.map((entry) => ({
                key: entry.position,
                children: (
                  <div>
                    <Space wrap>
                      <Typography.Text strong>{entry.type}</Typography.Text>
                      <Tag>{t(`campaign.status.${entry.status}` as MessageKey)}</Tag>
                      <Typography.Text type="secondary">{dateTime(entry.occurredAt, locale)}</Typography.Text>
                    </Space>
                    <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                      <Descriptions.Item label={t('campaign.actor')}>{entry.actor}</Descriptions.Item>
                      <Descriptions.Item label={t('campaign.role')}>
                        {t(`role.${entry.role}` as MessageKey) ?? entry.role}
                      </Descriptions.Item>
                      {entry.tier && (
                        <Descriptions.Item label={t('tier')}>{t(`tier.${entry.tier}`)}</Descriptions.Item>
                      )}
                      {entry.comment && (
                        <Descriptions.Item label={t('comment')}>{entry.comment}</Descriptions.Item>
                      )}
                    </Descriptions>
                    {entry.changes.length > 0 && (
                      <Table
                        size="small"
                        pagination={false}
                        rowKey="path"
                        dataSource={entry.changes}
                        scroll={{ x: true }}
                        aria-label={t('campaign.changes')}
                        columns={[
                          { title: t('campaign.changed'), dataIndex: 'path' },
                          { title: t('campaign.from'), dataIndex: 'from', render: show },
                          { title: t('campaign.to'), dataIndex: 'to', render: show },
                        ]}
                      />
                    )}
                  </div>
                ),
              }))}
            />
          </Loaded>
        </Card>
      )}
    </Space>
  );
}
