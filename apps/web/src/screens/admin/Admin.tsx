import { Card, Empty } from 'antd';
import type { Profile } from '../../api/client';
import { useI18n } from '../../i18n';

/** The administrator's screens: accounts, units, the queue board, anchors and rebuilds. */
export default function Admin(_props: { me: Profile }) {
  const { t } = useI18n();
  return (
    <Card title={t('nav.admin')}>
      <Empty />
    </Card>
  );
}
