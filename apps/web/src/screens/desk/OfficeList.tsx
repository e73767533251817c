import { Button, Card, Empty, Progress, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { LoadError, nextActionKey, progressPercent, StatusTag } from './common';
import { formatDateTime } from './format';
import { useHostCities, useOffices, type OfficeListItem } from './queries';

/** The unit's offices: the rule each falls under, where it stands and what the unit must do next. */
export function OfficeList() {
  const { t, locale } = useI18n();
  const offices = useOffices();
  const cities = useHostCities();
  const cityName = useMemo(
    () => new Map((cities.data ?? []).map((city) => [city.id, city.name])),
    [cities.data],
  );
  return (
    <Card
      title={t('desk.offices')}
      extra={
        <Link to="offices/new">
          <Button type="primary">{t('desk.register')}</Button>
        </Link>
      }
    >
      {offices.isError ? (
        <LoadError error={offices.error} onRetry={() => void offices.refetch()} />
      ) : (
        <Table<OfficeListItem>
          data-testid="desk-offices"
          rowKey="officeId"
          size="small"
          loading={offices.isPending}
          dataSource={offices.data?.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty description={t('desk.noOffices')} /> }}
          columns={[
            {
              title: t('desk.name'),
              dataIndex: 'name',
              render: (name: string, office) => <Link to={`offices/${office.officeId}`}>{name}</Link>,
            },
            {
              title: t('desk.hostCity'),
              dataIndex: 'hostCityId',
              render: (id: string) => cityName.get(id) ?? id,
            },
            {
              title: t('desk.rule'),
              dataIndex: 'ruleId',
              render: (ruleId: string) => <Tag color="purple">{ruleId}</Tag>,
            },
            {
              title: t('desk.status'),
              dataIndex: 'status',
              render: (status: string) => <StatusTag status={status} />,
            },
            {
              title: t('desk.nextAction'),
              key: 'next',
              render: (_: unknown, office) => t(nextActionKey(office)),
            },
            {
              title: t('desk.progress'),
              key: 'progress',
              render: (_: unknown, office) =>
                office.status === 'abolished' || office.status === 'closed' ? (
                  <Progress
                    percent={progressPercent(office.progress)}
                    size="small"
                    aria-label={t('desk.progress')}
                  />
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            {
              title: t('desk.registeredAt'),
              dataIndex: 'registeredAt',
              render: (at: string) => formatDateTime(at, locale),
            },
          ]}
        />
      )}
    </Card>
  );
}
