import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { emptyText, Loaded } from './States';
import { dateTime } from './time';

interface Filter {
  unitId?: string;
  officeId?: string;
  type?: string;
  actor?: string;
  from?: string;
  to?: string;
}

interface FilterForm {
  unitId?: string;
  officeId?: string;
  type?: string;
  actor?: string;
  from?: Dayjs | null;
  to?: Dayjs | null;
}

const PAGE = 50;

/** The same filter as a query string: the export answers the search as a file, streamed from the log. */
function exportHref(filter: Filter, format: 'csv' | 'jsonl'): string {
  const query = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
  return `/events/export?${query.toString()}`;
}

/** Event search by unit, office, type, actor and time, with CSV and JSON Lines export of what it finds. */
export function Events() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<Filter | null>(null);
  const events = useInfiniteQuery({
    queryKey: ['events', filter],
    enabled: filter !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/events', {
          params: { query: { ...filter, limit: PAGE, ...(pageParam ? { after: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const search = (form: FilterForm) => {
    const next: Filter = {};
    for (const key of ['unitId', 'officeId', 'type', 'actor'] as const) {
      const value = form[key]?.trim();
      if (value) next[key] = value;
    }
    if (form.from) next.from = form.from.toISOString();
    if (form.to) next.to = form.to.toISOString();
    setFilter(next);
  };

  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={t('campaign.events')} size="small">
        <Form layout="inline" onFinish={search} data-testid="event-search">
          <Form.Item name="unitId" label={t('campaign.unitId')}>
            <Input allowClear placeholder="henan.nanyang.xichuan" />
          </Form.Item>
          <Form.Item name="officeId" label={t('campaign.officeId')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="type" label={t('campaign.eventType')}>
            <Input allowClear placeholder="RetentionForwarded" />
          </Form.Item>
          <Form.Item name="actor" label={t('campaign.actor')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="from" label={t('campaign.from')}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="to" label={t('campaign.to')}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {t('campaign.search')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {filter !== null && (
        <Card
          size="small"
          extra={
            <Space>
              <a href={exportHref(filter, 'csv')} download data-testid="export-csv">
                {t('campaign.exportCsv')}
              </a>
              <a href={exportHref(filter, 'jsonl')} download data-testid="export-jsonl">
                {t('campaign.exportJsonl')}
              </a>
            </Space>
          }
        >
          <Loaded query={events}>
            <Table
              data-testid="event-results"
              size="small"
              rowKey="eventId"
              dataSource={rows}
              pagination={false}
              scroll={{ x: true }}
              locale={{ emptyText: emptyText(t('campaign.noEvents')) }}
              columns={[
                {
                  title: t('campaign.when'),
                  dataIndex: 'occurredAt',
                  render: (iso: string) => dateTime(iso, locale),
                },
                {
                  title: t('campaign.eventType'),
                  dataIndex: 'type',
                  render: (type: string) => <Tag>{type}</Tag>,
                },
                { title: t('campaign.actor'), dataIndex: 'actor' },
                { title: t('campaign.unitId'), dataIndex: 'unitId' },
                { title: t('comment'), dataIndex: 'comment' },
              ]}
            />
            {events.hasNextPage && (
              <Button onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
                {t('campaign.more')}
              </Button>
            )}
          </Loaded>
        </Card>
      )}
    </Space>
  );
}
