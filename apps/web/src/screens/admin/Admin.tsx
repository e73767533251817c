import { Tabs } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Profile } from '../../api/client';
import { useI18n } from '../../i18n';
import { Operations } from './Operations';
import { Units } from './Units';
import { Users } from './Users';

const BASE = '/console/admin';

/** The administrator's screens: accounts, units, and the operations (queue board, anchors, rebuilds). */
export default function Admin({ me }: { me: Profile }) {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const active = location.pathname.slice(BASE.length + 1).split('/')[0] || 'users';
  return (
    <>
      <h1 style={{ fontSize: 20, margin: '0 0 8px' }}>{t('nav.admin')}</h1>
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(`${BASE}/${key}`)}
        items={[
          { key: 'users', label: t('admin.tab.users') },
          { key: 'units', label: t('admin.tab.units') },
          { key: 'operations', label: t('admin.tab.operations') },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<Users me={me} />} />
        <Route path="units" element={<Units />} />
        <Route path="operations" element={<Operations />} />
      </Routes>
    </>
  );
}
