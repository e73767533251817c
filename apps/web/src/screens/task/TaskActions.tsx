import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api, unwrap, type Profile, type Task } from '../../api/client';
import { useI18n } from '../../i18n';

type Decision = 'approve' | 'reject' | 'return';
export type TaskAction =
  | { kind: 'claim' }
  | { kind: 'release' }
  | { kind: 'delegate'; to: string }
  | { kind: Decision; comment?: string };

/** Claim, release, delegate, approve, reject (a reason) and return (a comment); `onError` gets what failed. */
export function TaskActions({
  task,
  me,
  onDecided,
  onError,
}: {
  task: Task;
  me: Profile;
  onDecided(): void;
  onError(error: Error | null): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [revision] = task.taskId.split('/').slice(1);
  const path = { officeId: task.officeId, revision: revision! };
  const [dialog, setDialog] = useState<'reject' | 'return' | 'delegate' | undefined>();
  const act = useMutation({
    mutationFn: async (action: TaskAction) => {
      // The version the task was read at: if anyone acted since, this is refused (409), never applied twice.
      const params = { path };
      if (action.kind === 'claim')
        return unwrap(await api.POST('/tasks/{officeId}/{revision}/claim', { params }));
      if (action.kind === 'release')
        return unwrap(await api.POST('/tasks/{officeId}/{revision}/release', { params }));
      if (action.kind === 'delegate')
        return unwrap(
          await api.POST('/tasks/{officeId}/{revision}/delegate', { params, body: { to: action.to } }),
        );
      const { kind: decision, comment } = action;
      return unwrap(
        await api.POST('/tasks/{officeId}/{revision}/decision', {
          params,
          body: { decision, ...(comment ? { comment } : {}) },
        }),
      );
    },
    onMutate: () => onError(null),
    onError: (error) => onError(error),
    onSettled: async () => {
      await queries.invalidateQueries({ queryKey: ['inbox'] });
      await queries.invalidateQueries({ queryKey: ['task', task.taskId] });
      await queries.invalidateQueries({ queryKey: ['office', task.officeId] });
      await queries.invalidateQueries({ queryKey: ['history', task.officeId] });
    },
    onSuccess: (_reply, action) => {
      setDialog(undefined);
      void message.success(t('done'));
      if (action.kind !== 'claim' && action.kind !== 'release') onDecided();
    },
  });
  if (task.status !== 'open' || task.kind !== 'retention') return null;
  const mine = task.assignee === me.username;
  const busy = act.isPending;
  return (
    <Space style={{ marginBottom: 16 }} wrap>
      {!task.assignee && (
        <Button onClick={() => act.mutate({ kind: 'claim' })} loading={busy}>
          {t('claim')}
        </Button>
      )}
      {mine && (
        <Button onClick={() => act.mutate({ kind: 'release' })} loading={busy}>
          {t('release')}
        </Button>
      )}
      {(mine || !task.assignee) && <Button onClick={() => setDialog('delegate')}>{t('delegate')}</Button>}
      <Button type="primary" onClick={() => act.mutate({ kind: 'approve' })} loading={busy}>
        {t('approve')}
      </Button>
      <Button danger onClick={() => setDialog('reject')}>
        {t('reject')}
      </Button>
      <Button onClick={() => setDialog('return')}>{t('return')}</Button>
      <CommentDialog
        decision={dialog === 'reject' || dialog === 'return' ? dialog : undefined}
        pending={busy}
        onCancel={() => setDialog(undefined)}
        onConfirm={(kind, comment) => act.mutate({ kind, comment })}
      />
      <DelegateDialog
        open={dialog === 'delegate'}
        pending={busy}
        onCancel={() => setDialog(undefined)}
        onConfirm={(to) => act.mutate({ kind: 'delegate', to })}
      />
    </Space>
  );
}

/** Reject needs a reason and return a comment: both go on record. */
function CommentDialog(props: {
  decision: 'reject' | 'return' | undefined;
  pending: boolean;
  onCancel(): void;
  onConfirm(decision: 'reject' | 'return', comment: string): void;
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
      onOk={() =>
        void form.validateFields().then(({ comment }) => props.onConfirm(props.decision!, comment.trim()))
      }
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
            { max: 4000 },
          ]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Hand the task to another approver of the same group (the API names who can take it). */
function DelegateDialog(props: {
  open: boolean;
  pending: boolean;
  onCancel(): void;
  onConfirm(to: string): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ to: string }>();
  const delegates = useQuery({
    queryKey: ['delegates'],
    queryFn: async () => unwrap(await api.GET('/tasks/delegates')),
    enabled: props.open,
  });
  return (
    <Modal
      open={props.open}
      title={t('delegate')}
      okText={t('confirm')}
      cancelText={t('cancel')}
      confirmLoading={props.pending}
      onCancel={props.onCancel}
      onOk={() => void form.validateFields().then(({ to }) => props.onConfirm(to))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="to"
          label={t('delegateTo')}
          rules={[{ required: true, message: t('delegateRequired') }]}
          extra={delegates.isError ? delegates.error.message : undefined}
        >
          <Select
            loading={delegates.isPending}
            notFoundContent={t('noDelegates')}
            options={delegates.data?.approvers.map((approver) => ({
              value: approver.username,
              label: `${approver.displayName} (${approver.username})`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
