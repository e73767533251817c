import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Col, Empty, Row, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, unwrap, type Profile, type Task } from '../api/client';
import { useI18n } from '../i18n';
import { DueBadge } from './due';
import { TaskDetail } from './TaskDetail';

type View = 'mine' | 'group' | 'unclaimed' | 'overdue';
const VIEWS: { view: View; label: 'viewMine' | 'viewGroup' | 'viewUnclaimed' | 'viewOverdue' }[] = [
  { view: 'mine', label: 'viewMine' },
  { view: 'group', label: 'viewGroup' },
  { view: 'unclaimed', label: 'viewUnclaimed' },
  { view: 'overdue', label: 'viewOverdue' },
];

export const inboxKey = (view: View) => ['inbox', view] as const;

const byDue = (a: Task, b: Task) =>
  (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity);

/** The approver's task list (views with their counts, soonest due first) beside the selected task's office. */
export default function Inbox({ me }: { me: Profile }) {
  const { t } = useI18n();
  const [view, setView] = useState<View>('group');
  const [selected, setSelected] = useState<Task | undefined>();
  const inbox = useQuery({
    queryKey: inboxKey(view),
    queryFn: async () => unwrap(await api.GET('/tasks', { params: { query: { view, pageSize: 100 } } })),
  });
  const counts = inbox.data?.counts;
  return (
    <Row gutter={24}>
      <Col xs={24} lg={11}>
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
              setSelected(undefined);
            }}
            options={VIEWS.map(({ view: value, label }) => ({
              value,
              label: (
                <Space size={4}>
                  {t(label)}
                  <Badge count={counts?.[value] ?? 0} showZero color={value === 'overdue' ? 'red' : 'blue'} />
                </Space>
              ),
            }))}
            style={{ marginBottom: 16 }}
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
              rowKey="taskId"
              size="small"
              loading={inbox.isPending}
              dataSource={inbox.data?.items}
              pagination={false}
              locale={{ emptyText: <Empty description={t('noTasks')} /> }}
              onRow={(task) => ({ onClick: () => setSelected(task), style: { cursor: 'pointer' } })}
              rowClassName={(task) => (task.taskId === selected?.taskId ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t('office'), dataIndex: 'officeName' },
                {
                  title: t('tier'),
                  dataIndex: 'tier',
                  render: (tier: Task['tier']) => <Tag>{t(`tier.${tier}`)}</Tag>,
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
                  render: (dueAt: string | null) => <DueBadge dueAt={dueAt} t={t} />,
                },
              ]}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={13}>
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
