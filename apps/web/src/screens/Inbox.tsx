import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Col, Empty, Row, Segmented, Space, Table, Tag } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { api, unwrap, type Profile, type Task } from '../api/client';
import { useI18n } from '../i18n';
import { useTaskStream } from '../ui/task-stream';
import { DueBadge } from './due';
import { InboxFilters, type Filters } from './task/InboxFilters';
import { TaskDetail } from './TaskDetail';

type View = 'mine' | 'group' | 'unclaimed' | 'overdue';
const VIEWS: { view: View; label: 'viewMine' | 'viewGroup' | 'viewUnclaimed' | 'viewOverdue' }[] = [
  { view: 'mine', label: 'viewMine' },
  { view: 'group', label: 'viewGroup' },
  { view: 'unclaimed', label: 'viewUnclaimed' },
  { view: 'overdue', label: 'viewOverdue' },
];

export const inboxKey = (view: View, filters: Filters) => ['inbox', view, filters] as const;

const byDue = (a: Task, b: Task) =>
  (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity);

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
  const [selected, setSelected] = useState<Task | undefined>();
  useTaskStream([['inbox'], ['task']]);
  const inbox = useQuery({
    queryKey: inboxKey(view, filters),
    queryFn: async () =>
      unwrap(await api.GET('/tasks', { params: { query: { view, pageSize: 200, ...filters } } })),
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
            onChange={(next) => setView(next)}
            options={VIEWS.map(({ view: value, label }) => ({
              value,
              label: (
                <Space size={4}>
                  {t(label)}
                  <Badge
                    count={counts?.[value] ?? 0}
                    showZero
                    overflowCount={999}
                    color={value === 'overdue' ? '#cf1322' : '#0958d9'}
                  />
                </Space>
              ),
            }))}
            style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
          />
          <InboxFilters me={me} value={filters} onChange={setFilters} />
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
              pagination={false}
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
                  defaultSortOrder: 'ascend',
                  sorter: byDue,
                  render: (_: unknown, task: Task) => <DueBadge task={task} />,
                },
              ]}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        {selected ? (
          <TaskDetail key={selected.taskId} task={selected} me={me} onDone={() => setSelected(undefined)} />
        ) : (
          <Card>
            <Empty description={t('selectTask')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
