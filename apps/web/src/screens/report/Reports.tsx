import { Tabs } from 'antd';
import { useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Profile } from '../../api/client';
import { useReportI18n } from './text';
import { CityReport } from './CityReport';
import { ProvinceReports } from './ProvinceReports';
import { WhatIf } from './WhatIf';

const BASE = '/console/report';

/**
 * The campaign's report (七(三)) and the what-if replay. A city's supervisors see and act on their city's report; the
 * province's see every city's as submitted, and open any one of them read-only.
 */
export default function Reports({ me }: { me: Profile }) {
  const { t } = useReportI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const unit = me.jurisdictionId ?? me.unitId;
  const isProvince = !unit.includes('.');
  const [city, setCity] = useState<string | null>(isProvince ? null : unit);
  const active = location.pathname.slice(BASE.length + 1).split('/')[0] || 'city';
  const tabs = [
    { key: 'city', label: t('report.tab.city') },
    ...(isProvince ? [{ key: 'province', label: t('report.tab.province') }] : []),
    { key: 'what-if', label: t('report.tab.whatIf') },
  ];
  return (
    <>
      <h1 style={{ fontSize: 20, margin: '0 0 8px' }}>{t('nav.report')}</h1>
      <Tabs activeKey={active} onChange={(key) => void navigate(`${BASE}/${key}`)} items={tabs} />
      <Routes>
        <Route index element={<Navigate to={isProvince && !city ? 'province' : 'city'} replace />} />
        <Route
          path="city"
          element={
            city ? (
              <CityReport cityId={city} canAct={!isProvince && me.role === 'supervisor'} />
            ) : (
              <Navigate to={`${BASE}/province`} replace />
            )
          }
        />
        <Route
          path="province"
          element={
            <ProvinceReports
              provinceId={unit}
              onOpen={(cityId) => {
                setCity(cityId);
                void navigate(`${BASE}/city`);
              }}
            />
          }
        />
        <Route path="what-if" element={<WhatIf />} />
      </Routes>
    </>
  );
}
