import { Col, Row } from 'antd';
import { Route, Routes } from 'react-router';
import type { Profile } from '../../api/client';
import { Filings } from './Filings';
import { Notices } from './Notices';
import { OfficeList } from './OfficeList';
import { DeskNotFound, OfficePage } from './OfficePage';
import { RegisterOffice } from './RegisterOffice';

/** The clerk's desk: the unit's offices, registrations, disposals, filings and notices, under /console/desk. */
export default function Desk({ me }: { me: Profile }) {
  return (
    <Routes>
      <Route index element={<DeskHome me={me} />} />
      <Route path="offices/new" element={<RegisterOffice me={me} />} />
      <Route path="offices/:officeId" element={<OfficePage />} />
      <Route path="*" element={<DeskNotFound />} />
    </Routes>
  );
}

/** The unit's offices beside its filings and notices; one column on a tablet. */
function DeskHome({ me }: { me: Profile }) {
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={16}>
        <OfficeList />
      </Col>
      <Col xs={24} xl={8}>
        <Row gutter={[24, 24]}>
          <Col span={24}>
            <Filings me={me} />
          </Col>
          <Col span={24}>
            <Notices />
          </Col>
        </Row>
      </Col>
    </Row>
  );
}
