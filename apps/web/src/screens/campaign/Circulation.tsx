import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { useUnitNames } from './data';
import { emptyText, Loaded } from './States';
import { dateTime } from './time';

/** What reached the leading group, to circulate (通报, 八). */
export function Circulation() {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const names = useUnitNames();
  const list = useQuery({
    queryKey: ['circulation', page],
    queryFn: async () =>
      unwrap(await api.GET('/notices/circulation', { params: { query: { page, pageSize: 20 } } })),
  });
  return (
    <Card title={t('campaign.circulation')}>
      <Loaded query={list}>
        <Table
          data-testid="circulation"
          size="small"
          rowKey="deadlineId"
          dataSource={list.data?.items}
          scroll={{ x: true }}
          locale={{ emptyText: emptyText(t('campaign.noCirculation')) }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          columns={[
            { title: t('campaign.subject'), dataIndex: 'title' },
            {
              title: t('campaign.kind'),
              dataIndex: 'kind',
              render: (kind: string) => t(`campaign.kind.${kind}` as MessageKey) ?? kind,
            },
            {
              title: t('campaign.unit'),
              dataIndex: 'unitId',
              render: (id: string) => names.data?.get(id) ?? id,
            },
            { title: t('due'), dataIndex: 'dueAt', render: (iso: string) => dateTime(iso, locale) },
            {
              title: t('campaign.listedAt'),
              dataIndex: 'listedAt',
              render: (iso: string) => dateTime(iso, locale),
            },
          ]}
        />
      </Loaded>
    </Card>
  );
}
