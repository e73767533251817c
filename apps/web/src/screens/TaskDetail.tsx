import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, unwrap, type HistoryEntry, type Profile, type Task } from '../api/client';
import { useI18n } from '../i18n';
import { DueBadge } from './due';

type Decision = 'approve' | 'reject' | 'return';

/** A decision at some tier: what the earlier approvers did, with their comments. */
const isDecision = (entry: HistoryEntry) =>
  entry.tier !== undefined && /Retention|Rul/.test(entry.type) && entry.role === 'approver';

/** The selected task's office (rule and plan text), its earlier decisions and timeline, and the task's actions. */
export function TaskDetail({ task, me, onDone }: { task: Task; me: Profile; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [revision] = task.taskId.split('/').slice(1);
  const path = { officeId: task.officeId, revision: revision! };
  const office = useQuery({
    queryKey: ['office', task.officeId],
    queryFn: async () =>
      unwrap(await api.GET('/offices/{officeId}', { params: { path: { officeId: task.officeId } } })),
  });
  const history = useQuery({
    queryKey: ['history', task.officeId],
    queryFn: async () =>
      unwrap(
        await api.GET('/offices/{officeId}/history', {
          params: { path: { officeId: task.officeId }, query: { limit: 200 } },
        }),
      ),
  });
  const [deciding, setDeciding] = useState<Decision | undefined>();
  const act = useMutation({
    mutationFn: async (action: { kind: 'claim' | 'release' } | { kind: Decision; comment?: string }) => {
      if (action.kind === 'claim')
        return unwrap(await api.POST('/tasks/{officeId}/{revision}/claim', { params: { path } }));
      if (action.kind === 'release')
        return unwrap(await api.POST('/tasks/{officeId}/{revision}/release', { params: { path } }));
      return unwrap(
        await api.POST('/tasks/{officeId}/{revision}/decision', {
          params: { path },
          body: {
            decision: action.kind,
            ...('comment' in action && action.comment ? { comment: action.comment } : {}),
          },
        }),
      );
    },
    onSuccess: async (_reply, action) => {
      await queries.invalidateQueries({ queryKey: ['inbox'] });
      await queries.invalidateQueries({ queryKey: ['office', task.officeId] });
      await queries.invalidateQueries({ queryKey: ['history', task.officeId] });
      if (action.kind !== 'claim' && action.kind !== 'release') {
        setDeciding(undefined);
        void message.success(t('done'));
        onDone();
      }
    },
  });
  const mine = task.assignee === me.username;
  const open = task.status === 'open';
  const decisions = history.data?.items.filter(isDecision) ?? [];
  return (
    <Card title={task.officeName} extra={<DueBadge dueAt={task.dueAt} t={t} />} data-testid="task-detail">
      {act.error && (
        <Alert type="error" showIcon closable title={act.error.message} style={{ marginBottom: 16 }} />
      )}
      {open && task.kind === 'retention' && (
        <Space style={{ marginBottom: 16 }} wrap>
          {!task.assignee && (
            <Button onClick={() => act.mutate({ kind: 'claim' })} loading={act.isPending}>
              {t('claim')}
            </Button>
          )}
          {mine && (
            <Button onClick={() => act.mutate({ kind: 'release' })} loading={act.isPending}>
              {t('release')}
            </Button>
          )}
          <Button type="primary" onClick={() => act.mutate({ kind: 'approve' })} loading={act.isPending}>
            {t('approve')}
          </Button>
          <Button danger onClick={() => setDeciding('reject')}>
            {t('reject')}
          </Button>
          <Button onClick={() => setDeciding('return')}>{t('return')}</Button>
        </Space>
      )}
      {office.isPending ? (
        <Skeleton active />
      ) : office.isError ? (
        <Alert type="error" showIcon title={t('loadFailed')} description={office.error.message} />
      ) : (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('sponsor')}>{office.data.sponsor.name}</Descriptions.Item>
          <Descriptions.Item label={t('hostCity')}>{office.data.hostCity.name}</Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            <Tag>{office.data.status}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('rule')}>
            <Tag color="purple">{office.data.disposition.ruleId}</Tag> {office.data.disposition.summary}
          </Descriptions.Item>
          <Descriptions.Item label={t('planText')}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {office.data.disposition.ruleText}
            </Typography.Paragraph>
          </Descriptions.Item>
          {office.data.retentionRequest && (
            <Descriptions.Item label={t('justification')}>
              {office.data.retentionRequest.justification}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('decisions')}
      </Typography.Title>
      {history.isError ? (
        <Alert type="error" showIcon title={t('loadFailed')} description={history.error.message} />
      ) : history.isPending ? (
        <Skeleton active />
      ) : decisions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noDecisions')} />
      ) : (
        <ul data-testid="decisions">
          {decisions.map((entry) => (
            <li key={entry.eventId}>
              <Tag>{t(`tier.${entry.tier!}`)}</Tag> {entry.type} · {entry.actor}
              {entry.comment ? `: ${entry.comment}` : ''}
            </li>
          ))}
        </ul>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('timeline')}
      </Typography.Title>
      {history.data && (
        <Timeline
          items={history.data.items.map((entry) => ({
            key: entry.eventId,
            content: (
              <span>
                <Typography.Text type="secondary">
                  {new Date(entry.occurredAt).toLocaleString()}
                </Typography.Text>{' '}
                {entry.type} · {entry.actor}
                {entry.comment ? ` — ${entry.comment}` : ''}
              </span>
            ),
          }))}
        />
      )}
      <DecisionDialog
        decision={deciding}
        pending={act.isPending}
        onCancel={() => setDeciding(undefined)}
        onConfirm={(comment) => act.mutate({ kind: deciding!, comment })}
      />
    </Card>
  );
}

/** Reject needs a reason and return a comment: both go on record. */
function DecisionDialog(props: {
  decision: Decision | undefined;
  pending: boolean;
  onCancel(): void;
  onConfirm(comment: string): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ comment: string }>();
  const reject = props.decision === 'reject';
  return (
    <Modal
      open={props.decision !== undefined}
      title={reject ? t('reject') : t('return')}
      okText={t('confirm')}
      cancelText={t('cancel')}
      confirmLoading={props.pending}
      onCancel={props.onCancel}
      onOk={() => void form.validateFields().then(({ comment }) => props.onConfirm(comment.trim()))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={reject ? t('reason') : t('comment')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: reject ? t('reasonRequired') : t('commentRequired'),
            },
          ]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
