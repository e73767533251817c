import { Card, Empty } from 'antd';
import type { Profile } from '../../api/client';
import { useI18n } from '../../i18n';

/** The supervisor's view of the whole campaign. */
export default function Campaign(_props: { me: Profile }) {
  const { t } = useI18n();
  return (
    <Card title={t('nav.campaign')}>
      <Empty />
    </Card>
  );
}
