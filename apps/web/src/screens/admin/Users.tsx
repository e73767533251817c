import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap, type Profile, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { emptyText, Loaded } from '../campaign/States';
import { dateTime } from '../campaign/time';
import { CommandDialog } from './ReasonForm';

type User = Schemas['UserDto'];
type Role = User['role'];
const ROLES: Role[] = ['clerk', 'approver', 'supervisor', 'admin'];
type Action = { kind: 'create' } | { kind: 'role' | 'disable' | 'enable' | 'reset'; user: User };
interface Values {
  reason: string;
  username?: string;
  displayName?: string;
  role?: Role;
  unitId?: string;
}

/** Accounts within the administrator's jurisdiction: create, change role or unit, disable, enable, reset password. */
export function Users({ me }: { me: Profile }) {
  const { t, locale } = useI18n();
  const { modal } = App.useApp();
  const queries = useQueryClient();
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<Action | null>(null);
  const users = useQuery({
    queryKey: ['users', page],
    queryFn: async () => unwrap(await api.GET('/users', { params: { query: { page, pageSize: 20 } } })),
  });
  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));

  /** Shown once, as the API answers it once: a replayed command has none (reset again). */
  const showPassword = (username: string, password: string | undefined) =>
    modal.info({
      title: t('admin.oneTimeTitle'),
      content: (
        <Space direction="vertical">
          <span>{t('admin.oneTimeHint')}</span>
          <Typography.Text>{username}</Typography.Text>
          <Typography.Text code copyable data-testid="one-time-password">
            {password ?? '–'}
          </Typography.Text>
        </Space>
      ),
    });

  const command = useMutation({
    mutationFn: async ({ action, values }: { action: Action; values: Values }) => {
      const reason = values.reason;
      if (action.kind === 'create') {
        const created = unwrap(
          await api.POST('/users', {
            body: {
              reason,
              username: values.username!,
              displayName: values.displayName!,
              role: values.role!,
              unitId: values.unitId!,
            },
          }),
        );
        return { username: created.username, password: created.oneTimePassword };
      }
      const path = { params: { path: { username: action.user.username } }, body: { reason } };
      if (action.kind === 'role')
        unwrap(
          await api.PATCH('/users/{username}', {
            ...path,
            body: { reason, role: values.role, unitId: values.unitId },
          }),
        );
      if (action.kind === 'disable') unwrap(await api.POST('/users/{username}/disable', path));
      if (action.kind === 'enable') unwrap(await api.POST('/users/{username}/enable', path));
      if (action.kind === 'reset') {
        const reset = unwrap(await api.POST('/users/{username}/password-reset', path));
        return { username: reset.username, password: reset.oneTimePassword };
      }
      return undefined;
    },
    onSuccess: (shown) => {
      setAction(null);
      void queries.invalidateQueries({ queryKey: ['users'] });
      if (shown) showPassword(shown.username, shown.password);
    },
  });

  const titles: Record<Action['kind'], string> = {
    create: t('admin.newUser'),
    role: t('admin.changeRole'),
    disable: t('admin.disable'),
    enable: t('admin.enable'),
    reset: t('admin.resetPassword'),
  };
  return (
    <Card
      title={t('admin.users')}
      extra={
        <Button type="primary" onClick={() => setAction({ kind: 'create' })}>
          {t('admin.newUser')}
        </Button>
      }
    >
      <Loaded query={users}>
        <Table
          data-testid="users"
          size="small"
          rowKey="username"
          dataSource={users.data?.items}
          scroll={{ x: true }}
          locale={{ emptyText: emptyText(t('admin.noUsers')) }}
          pagination={{ current: page, pageSize: 20, total: users.data?.total, onChange: setPage }}
          columns={[
            { title: t('username'), dataIndex: 'username' },
            { title: t('admin.displayName'), dataIndex: 'displayName' },
            { title: t('admin.role'), dataIndex: 'role', render: (role: Role) => t(`role.${role}`) },
            { title: t('admin.unit'), dataIndex: 'unitId' },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (status: string, user) => (
                <Space size={4} wrap>
                  <Tag color={status === 'active' ? 'success' : 'default'}>
                    {t(`admin.status.${status as 'active'}`)}
                  </Tag>
                  {user.passwordChangeRequired && <Tag color="warning">{t('admin.oneTimePending')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('admin.updated'),
              dataIndex: 'updatedAt',
              render: (iso: string) => dateTime(iso, locale),
            },
            {
              title: t('admin.actions'),
              key: 'actions',
              render: (_: unknown, user) => (
                <Space size={0} wrap>
                  <Button type="link" onClick={() => setAction({ kind: 'role', user })}>
                    {t('admin.changeRole')}
                  </Button>
                  {user.username !== me.username && (
                    <Button
                      type="link"
                      onClick={() =>
                        setAction({ kind: user.status === 'active' ? 'disable' : 'enable', user })
                      }
                    >
                      {user.status === 'active' ? t('admin.disable') : t('admin.enable')}
                    </Button>
                  )}
                  <Button type="link" onClick={() => setAction({ kind: 'reset', user })}>
                    {t('admin.resetPassword')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Loaded>
      <CommandDialog<Values>
        title={action ? `${titles[action.kind]}${'user' in action ? ` · ${action.user.username}` : ''}` : ''}
        open={action !== null}
        busy={command.isPending}
        error={command.error?.message}
        initialValues={
          action && 'user' in action
            ? { role: action.user.role, unitId: action.user.unitId }
            : { role: 'approver' }
        }
        onCancel={() => {
          setAction(null);
          command.reset();
        }}
        onSubmit={(values) => action && command.mutate({ action, values })}
      >
        {action?.kind === 'create' && (
          <>
            <Form.Item
              name="username"
              label={t('username')}
              rules={[
                { required: true, pattern: /^[a-z0-9][a-z0-9._-]{1,63}$/, message: t('admin.usernameRule') },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="displayName"
              label={t('admin.displayName')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input />
            </Form.Item>
          </>
        )}
        {(action?.kind === 'create' || action?.kind === 'role') && (
          <>
            <Form.Item name="role" label={t('admin.role')} rules={[{ required: true }]}>
              <Select options={roleOptions} />
            </Form.Item>
            <Form.Item name="unitId" label={t('admin.unit')} rules={[{ required: true, whitespace: true }]}>
              <Input placeholder="henan.nanyang.tongbai" />
            </Form.Item>
          </>
        )}
      </CommandDialog>
    </Card>
  );
}
