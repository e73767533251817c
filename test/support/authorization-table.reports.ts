import { AUDITORS, get, REPORT_ACTORS } from './authorization-outcomes';
import type { Row, Target } from './authorization-outcomes';

/** The city a target unit lies in (both counties are 南阳市's; 涧西区 is 洛阳市's). */
const cityOf = (target: Target) => (target.unitId.startsWith('henan.nanyang') ? 'henan.nanyang' : '410300');

/** The rows of the city's report and the what-if replay. */
export const REPORT_ROWS: Record<string, Row> = {
  // The city's report (七(三)): read by supervisors and admins whose jurisdiction holds the city; inspected, reviewed
  // and submitted by the city's own, or by an administrator of the whole province.
  'GET /reports/city/{cityId}': get((target) => `/reports/city/${cityOf(target)}`, AUDITORS),
  'GET /reports/city/{cityId}/report.xlsx': get(
    (target) => `/reports/city/${cityOf(target)}/report.xlsx`,
    AUDITORS,
  ),
  'GET /reports/city/{cityId}/report.pdf': get(
    (target) => `/reports/city/${cityOf(target)}/report.pdf`,
    AUDITORS,
  ),
  'GET /reports/city/{cityId}/circulation.pdf': get(
    (target) => `/reports/city/${cityOf(target)}/circulation.pdf`,
    AUDITORS,
  ),
  'POST /reports/city/{cityId}/inspections': {
    request: (target) => ({
      method: 'POST',
      path: `/reports/city/${cityOf(target)}/inspections`,
      // Not a unit of the city: an allowed sender is refused for the request itself, and nothing is recorded.
      body: { unitId: 'no-such-unit', verdict: 'accepted' },
    }),
    expected: REPORT_ACTORS,
  },
  'POST /reports/city/{cityId}/review': {
    request: (target) => ({
      method: 'POST',
      path: `/reports/city/${cityOf(target)}/review`,
      // A valid return: the question is who may record one (an allowed sender's is recorded or answered 409).
      body: { decision: 'returned', comment: '权限矩阵检查' },
    }),
    expected: REPORT_ACTORS,
  },
  'POST /reports/city/{cityId}/submission': {
    request: (target) => ({ method: 'POST', path: `/reports/city/${cityOf(target)}/submission` }),
    expected: REPORT_ACTORS,
  },
  'GET /reports/province/{provinceId}': get(
    () => '/reports/province/henan',
    'DDD  DDD  DDD  DDD  DDD  DDD  DDD  AAA  AAA  DDD',
  ),
  'POST /what-if': {
    request: (target) => ({
      method: 'POST',
      path: '/what-if',
      body: {
        from: '2015-06-01T00:00:00+08:00',
        to: '2015-06-30T00:00:00+08:00',
        unitId: target.unitId,
        sla: { county: '3' },
      },
    }),
    expected: AUDITORS,
  },
};
