import { Card, Empty } from 'antd';
import type { Profile } from '../../api/client';
import { useI18n } from '../../i18n';

/** The clerk's desk: the unit's offices, registrations, disposals, filings and notices. */
export default function Desk({ me }: { me: Profile }) {
  const { t } = useI18n();
  return (
    <Card title={t('nav.desk')}>
      <Empty description={me.unitId} />
    </Card>
  );
}
