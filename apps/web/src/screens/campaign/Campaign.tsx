import { Tabs } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Profile } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { Chain } from './Chain';
import { Circulation } from './Circulation';
import { Events } from './Events';
import { Holdings } from './Holdings';
import { Lapses, lapsesLabel } from './Lapses';
import { Overview } from './Overview';
import { Timeline } from './Timeline';

const BASE = '/console/campaign';
const TABS: { path: string; label: MessageKey | 'lapses' }[] = [
  { path: 'overview', label: 'campaign.tab.overview' },
  { path: 'circulation', label: 'campaign.tab.circulation' },
  { path: 'holdings', label: 'campaign.tab.holdings' },
  { path: 'regulation', label: 'lapses' },
  { path: 'offices', label: 'campaign.tab.timeline' },
  { path: 'events', label: 'campaign.tab.events' },
  { path: 'chain', label: 'campaign.tab.chain' },
];

/** The supervisor's view of the whole campaign: one tab per screen, each its own address under /console/campaign. */
export default function Campaign(_props: { me: Profile }) {
  const { t, locale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const active = location.pathname.slice(BASE.length + 1).split('/')[0] || 'overview';
  return (
    <>
      <h1 style={{ fontSize: 20, margin: '0 0 8px' }}>{t('nav.campaign')}</h1>
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(`${BASE}/${key}`)}
        items={TABS.map((tab) => ({
          key: tab.path,
          label: tab.label === 'lapses' ? lapsesLabel(locale) : t(tab.label),
        }))}
      />
      <Routes>
        <Route index element={<Navigate to="overview" replace />} />
        <Route path="overview" element={<Overview />} />
        <Route path="circulation" element={<Circulation />} />
        <Route path="holdings" element={<Holdings />} />
        <Route path="regulation" element={<Lapses />} />
        <Route path="offices" element={<Timeline />} />
        <Route path="offices/:officeId" element={<Timeline />} />
        <Route path="events" element={<Events />} />
        <Route path="chain" element={<Chain />} />
      </Routes>
    </>
  );
}
