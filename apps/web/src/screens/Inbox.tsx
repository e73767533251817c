import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Segmented, Skeleton, Space, Table, Tag } from 'antd';
import { lazy, Suspense, useState, type KeyboardEvent } from 'react';
import { api, unwrap, type Profile, type Task } from '../api/client';
import { useI18n } from '../i18n';
import { useTaskStream } from '../ui/task-stream';
import { DueBadge } from './due';
import { InboxFilters, type Filters } from './task/InboxFilters';

// The selected task (its descriptions, timeline, actions and dialogs) is a chunk of its own, fetched on the first
// selection: the list shows without it.
const TaskDetail = lazy(() => import('./TaskDetail'));

type View = 'mine' | 'group' | 'unclaimed' | 'overdue';
const VIEWS: { view: View; label: 'viewMine' | 'viewGroup' | 'viewUnclaimed' | 'viewOverdue' }[] = [
  { view: 'mine', label: 'viewMine' },
  { view: 'group', label: 'viewGroup' },
  { view: 'unclaimed', label: 'viewUnclaimed' },
  { view: 'overdue', label: 'viewOverdue' },
];

export const inboxKey = (view: View, filters: Filters, page: number) =>
  ['inbox', view, filters, page] as const;

/**
 * A view's count in the look of Ant Design's Badge (999+ beyond 999), drawn without it: the Badge's scrolling digits
 * would add a chunk to the list's first load for a number.
 */
function Count({ count, color }: { count: number; color: string }) {
  return (
    <span
      style={{
        display: 'inline-block',
        minWidth: 20,
        height: 20,
        padding: '0 6px',
        borderRadius: 10,
        background: color,
        color: '#fff',
        fontSize: 12,
        lineHeight: '20px',
        textAlign: 'center',
        boxShadow: '0 0 0 1px #fff',
      }}
    >
      {count > 999 ? '999+' : count}
    </span>
  );
}

/** Rows per page: the API pages the inbox (soonest due first), so thousands of open tasks cost one page each. */
const PAGE_SIZE = 50;

/** Arrow keys move between the rows, Enter or Space opens the focused one. */
function rowKeys(event: KeyboardEvent<HTMLElement>, open: () => void) {
  const rows = [
    ...(event.currentTarget.closest('tbody')?.querySelectorAll<HTMLElement>('tr[data-row-key]') ?? []),
  ];
  const at = rows.indexOf(event.currentTarget);
  const target =
    event.key === 'ArrowDown'
      ? rows[at + 1]
      : event.key === 'ArrowUp'
        ? rows[at - 1]
        : event.key === 'Home'
          ? rows[0]
          : event.key === 'End'
            ? rows[rows.length - 1]
            : undefined;
  if (target) {
    event.preventDefault();
    target.focus();
  } else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    open();
  }
}

/**
 * The approver's task list (views with their counts, filters, soonest due first), kept current by the task stream,
 * beside the selected task.
 */
export default function Inbox({ me }: { me: Profile }) {
  const { t } = useI18n();
  const [view, setView] = useState<View>('group');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Task | undefined>();
  useTaskStream([['inbox'], ['task']]);
  const inbox = useQuery({
    queryKey: inboxKey(view, filters, page),
    queryFn: async () =>
      unwrap(await api.GET('/tasks', { params: { query: { view, page, pageSize: PAGE_SIZE, ...filters } } })),
    placeholderData: keepPreviousData,
  });
  const counts = inbox.data?.counts;
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={12}>
        <Card
          title={t('tasks')}
          extra={
            <Button size="small" onClick={() => void inbox.refetch()} loading={inbox.isFetching}>
              {t('refresh')}
            </Button>
          }
        >
          <Segmented<View>
            value={view}
            onChange={(next) => {
              setView(next);
              setPage(1);
            }}
            options={VIEWS.map(({ view: value, label }) => ({
              value,
              label: (
                <Space size={4}>
                  {t(label)}
                  <Count count={counts?.[value] ?? 0} color={value === 'overdue' ? '#cf1322' : '#0958d9'} />
                </Space>
              ),
            }))}
            style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
          />
          <InboxFilters
            me={me}
            value={filters}
            onChange={(next) => {
              setFilters(next);
              setPage(1);
            }}
          />
          {inbox.isError ? (
            <Alert
              type="error"
              showIcon
              title={t('loadFailed')}
              description={inbox.error.message}
              action={<Button onClick={() => void inbox.refetch()}>{t('retry')}</Button>}
            />
          ) : (
            <Table<Task>
              data-testid="task-list"
              aria-label={t('tasks')}
              rowKey="taskId"
              size="small"
              loading={inbox.isPending}
              dataSource={inbox.data?.items}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: inbox.data?.total ?? 0,
                showSizeChanger: false,
                hideOnSinglePage: true,
                onChange: setPage,
              }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('noTasks')} /> }}
              onRow={(task) => ({
                onClick: () => setSelected(task),
                onKeyDown: (event) => rowKeys(event, () => setSelected(task)),
                tabIndex: 0,
                'aria-selected': task.taskId === selected?.taskId,
                style: { cursor: 'pointer' },
              })}
              rowClassName={(task) => (task.taskId === selected?.taskId ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t('office'), dataIndex: 'officeName' },
                {
                  title: t('rule'),
                  dataIndex: 'ruleId',
                  render: (ruleId: string) => <Tag>{ruleId}</Tag>,
                },
                {
                  title: t('assignee'),
                  dataIndex: 'assignee',
                  render: (assignee: string | null) => assignee ?? <Tag>{t('unclaimed')}</Tag>,
                },
                {
                  title: t('due'),
                  dataIndex: 'dueAt',
                  render: (_: unknown, task: Task) => <DueBadge task={task} />,
                },
              ]}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        {selected ? (
          <Suspense
            fallback={
              <Card>
                <Skeleton active />
              </Card>
            }
          >
            <TaskDetail key={selected.taskId} task={selected} me={me} onDone={() => setSelected(undefined)} />
          </Suspense>
        ) : (
          <Card>
            <Empty description={t('selectTask')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
