import { Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';

/** Loading, failed (with retry) or empty, else the content: every screen's three states in one place. */
export function Loaded({
  query,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: Error | null; refetch(): unknown };
  empty?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (query.isPending)
    return <Spin style={{ display: 'block', margin: '48px auto' }} aria-label={t('campaign.loading')} />;
  if (query.isError)
    return (
      <Result
        status="error"
        title={t('loadFailed')}
        subTitle={query.error?.message}
        extra={<Button onClick={() => void query.refetch()}>{t('retry')}</Button>}
      />
    );
  if (empty) return <Empty description={t('campaign.empty')} />;
  return <>{children}</>;
}

/** An empty table's text, in the secondary text colour: a table's own placeholder grey falls short of AA. */
export function emptyText(text: string): ReactNode {
  return <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{text}</span>;
}
