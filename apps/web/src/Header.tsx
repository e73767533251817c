import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Segmented, Space, Tag, theme } from 'antd';
import { api, type Profile } from './api/client';
import { useI18n, type Locale } from './i18n';

/** The title, the user with their role (and tier), the language switch and sign-out. */
export function Header({ me, onSignedOut }: { me: Profile | undefined; onSignedOut(): void }) {
  const { locale, setLocale, t } = useI18n();
  const queries = useQueryClient();
  const { token } = theme.useToken();
  const signOut = async () => {
    await api.DELETE('/auth/session');
    onSignedOut();
    // Nothing of the last user's stays in the cache for the next one.
    queries.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  };
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#fff' }}>
      {/* A plain heading in the look of a level-4 title: Ant Design's Typography would weigh on every route. */}
      <h1
        style={{
          margin: 0,
          flex: 1,
          fontSize: token.fontSizeHeading4,
          lineHeight: token.lineHeightHeading4,
          fontWeight: token.fontWeightStrong,
          color: token.colorTextHeading,
        }}
      >
        {t('appTitle')}
      </h1>
      <Space>
        {me && (
          <span data-testid="current-user">
            {me.displayName} <Tag>{t(`role.${me.role}` as 'role.approver')}</Tag>
            {me.tier && <Tag color="blue">{t(`tier.${me.tier}` as 'tier.county')}</Tag>}
          </span>
        )}
        <Segmented<Locale>
          aria-label={t('language')}
          value={locale}
          onChange={setLocale}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'EN', value: 'en' },
          ]}
        />
        {me && <Button onClick={() => void signOut()}>{t('signOut')}</Button>}
      </Space>
    </Layout.Header>
  );
}
