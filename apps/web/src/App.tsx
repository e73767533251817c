import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Layout, Result, Spin } from 'antd';
import antEn from 'antd/locale/en_US';
import antZh from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { api, RequestFailed, unwrap } from './api/client';
import { Header } from './Header';
import { useI18n } from './i18n';

// Each screen is its own chunk: the sign-in page does not load the task list.
const SignIn = lazy(() => import('./screens/SignIn'));
const Inbox = lazy(() => import('./screens/Inbox'));

export const ME = ['me'] as const;

/** Who is signed in (the session cookie), or null: the sign-in page. */
function useMe() {
  return useQuery({
    queryKey: ME,
    queryFn: async () => {
      try {
        return unwrap(await api.GET('/auth/me'));
      } catch (error) {
        if (error instanceof RequestFailed && error.status === 401) return null;
        throw error;
      }
    },
  });
}

export function App() {
  const { locale, t } = useI18n();
  const me = useMe();
  const queries = useQueryClient();
  const loading = <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  let content;
  if (me.isPending) content = loading;
  else if (me.isError)
    content = <Result status="error" title={t('loadFailed')} subTitle={me.error.message} />;
  else if (!me.data || me.data.passwordChangeRequired)
    content = <SignIn passwordChangeRequired={Boolean(me.data?.passwordChangeRequired)} />;
  else content = <Inbox me={me.data} />;
  return (
    <ConfigProvider locale={locale === 'en' ? antEn : antZh}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Header me={me.data ?? undefined} onSignedOut={() => queries.setQueryData(ME, null)} />
          <Layout.Content style={{ padding: 24 }}>
            <Suspense fallback={loading}>{content}</Suspense>
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
