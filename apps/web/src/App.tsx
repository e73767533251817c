import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, ConfigProvider, Layout, Spin } from 'antd';
import antEn from 'antd/locale/en_US';
import antZh from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { api, onSessionExpired, RequestFailed, unwrap, type Profile } from './api/client';
import { Header } from './Header';
import { useI18n } from './i18n';
import { areasFor, CONSOLE_BASE } from './routes';
import { ScreenBoundary } from './ui/ErrorBoundary';
import { THEME } from './ui/theme';

// Each screen is its own chunk: the sign-in page does not load the task list.
const SignIn = lazy(() => import('./screens/SignIn'));
const Nav = lazy(() => import('./Nav'));
const Result = lazy(() => import('./ui/Outcome'));

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

const loading = <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;

/** The areas the user's role may open, as a side menu, and the chosen one. */
function Console({ me }: { me: Profile }) {
  const { t } = useI18n();
  const areas = areasFor(me);
  const location = useLocation();
  const current = areas.find((area) => location.pathname.startsWith(`${CONSOLE_BASE}/${area.path}`));
  const home = areas[0] ? `${CONSOLE_BASE}/${areas[0].path}` : '/';
  return (
    <Layout>
      {areas.length > 1 && (
        <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={180}>
          <Suspense fallback={null}>
            <Nav areas={areas} current={current} />
          </Suspense>
        </Layout.Sider>
      )}
      <Layout.Content style={{ padding: 24 }}>
        <ScreenBoundary key={current?.path ?? location.pathname}>
          <Suspense fallback={loading}>
            <Routes>
              {areas.map((area) => (
                <Route
                  key={area.path}
                  path={`${CONSOLE_BASE}/${area.path}/*`}
                  element={<area.screen me={me} />}
                />
              ))}
              <Route path="/" element={<Navigate to={home} replace />} />
              <Route path="/sign-in" element={<Navigate to={home} replace />} />
              <Route path="/inbox" element={<Navigate to={home} replace />} />
              <Route
                path="*"
                element={
                  <Result
                    status="404"
                    title={t('notFound')}
                    extra={
                      <Link to={home}>
                        <Button type="primary">{t('goHome')}</Button>
                      </Link>
                    }
                  />
                }
              />
            </Routes>
          </Suspense>
        </ScreenBoundary>
      </Layout.Content>
    </Layout>
  );
}

export function App() {
  const { locale, t } = useI18n();
  const me = useMe();
  const queries = useQueryClient();
  // Signed in, then a request refused for want of a session: back to sign-in, saying why.
  const [expired, setExpired] = useState(false);
  useEffect(
    () =>
      onSessionExpired(() => {
        if (!queries.getQueryData(ME)) return;
        setExpired(true);
        queries.setQueryData(ME, null);
        queries.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      }),
    [queries],
  );
  useEffect(() => {
    if (me.data) setExpired(false);
  }, [me.data]);
  let content: ReactNode;
  if (me.isPending) content = loading;
  else if (me.isError)
    content = (
      <Suspense fallback={loading}>
        <Result status="error" title={t('loadFailed')} subTitle={me.error.message} />
      </Suspense>
    );
  else if (!me.data || me.data.passwordChangeRequired)
    content = (
      <Layout.Content style={{ padding: 24 }}>
        {expired && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            data-testid="session-expired"
            title={t('sessionExpired')}
            style={{ maxWidth: 480, margin: '0 auto 16px' }}
          />
        )}
        <Suspense fallback={loading}>
          <SignIn passwordChangeRequired={Boolean(me.data?.passwordChangeRequired)} />
        </Suspense>
      </Layout.Content>
    );
  else content = <Console me={me.data} />;
  return (
    <ConfigProvider locale={locale === 'en' ? antEn : antZh} theme={THEME}>
      <AntApp>
        <BrowserRouter>
          <Layout style={{ minHeight: '100vh' }}>
            <Header me={me.data ?? undefined} onSignedOut={() => queries.setQueryData(ME, null)} />
            <ScreenBoundary>{content}</ScreenBoundary>
          </Layout>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
