import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { ME } from '../App';
import { useI18n } from '../i18n';

interface Credentials {
  username: string;
  password: string;
}

interface NewPassword {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Sign in; with a one-time password, choose one's own before anything else. */
export default function SignIn({ passwordChangeRequired }: { passwordChangeRequired: boolean }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [oneTime, setOneTime] = useState<string | undefined>();
  const signIn = useMutation({
    mutationFn: async (body: Credentials) => unwrap(await api.POST('/auth/session', { body })),
    onSuccess: async (session, body) => {
      if (session.passwordChangeRequired) setOneTime(body.password);
      await queries.invalidateQueries({ queryKey: ME });
    },
  });
  const change = useMutation({
    mutationFn: async ({ currentPassword, newPassword }: NewPassword) =>
      unwrap(await api.POST('/auth/password', { body: { currentPassword, newPassword } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ME }),
  });

  if (passwordChangeRequired) {
    return (
      <Card title={t('oneTimeTitle')} style={{ maxWidth: 420, margin: '8vh auto' }}>
        <Typography.Paragraph>{t('oneTimeHint')}</Typography.Paragraph>
        {change.error && (
          <Alert type="error" showIcon title={change.error.message} style={{ marginBottom: 16 }} />
        )}
        <Form<NewPassword> layout="vertical" onFinish={(values) => change.mutate(values)}>
          <Form.Item
            name="currentPassword"
            label={t('password')}
            initialValue={oneTime}
            rules={[{ required: true, message: t('passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('newPassword')}
            rules={[{ required: true, min: 8, message: t('passwordTooShort') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('passwordTooShort') },
              ({ getFieldValue }) => ({
                validator: (_rule, value) =>
                  value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('passwordsDiffer'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            {t('changePassword')}
          </Button>
        </Form>
      </Card>
    );
  }
  return (
    <Card title={t('signIn')} style={{ maxWidth: 420, margin: '8vh auto' }}>
      {signIn.error && (
        <Alert type="error" showIcon title={signIn.error.message} style={{ marginBottom: 16 }} />
      )}
      <Form<Credentials> layout="vertical" onFinish={(values) => signIn.mutate(values)}>
        <Form.Item
          name="username"
          label={t('username')}
          rules={[{ required: true, message: t('usernameRequired') }]}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('password')}
          rules={[{ required: true, message: t('passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
          {t('signIn')}
        </Button>
      </Form>
    </Card>
  );
}
