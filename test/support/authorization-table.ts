import { DEMO_PASSWORD } from '@liaison/auth';
import {
  ADMINS,
  AUDITORS,
  get,
  OFFICE_READERS,
  PUBLIC,
  SIGNED_IN,
  SUPERVISORS,
} from './authorization-outcomes';
import { REPORT_ROWS } from './authorization-table.reports';
import { REGULATION_ROWS } from './authorization-table.regulation';
import type { MatrixRequest, Row, Target } from './authorization-outcomes';

export type { MatrixRequest, Row, Target };

/**
 * Who may do what where: every route of the OpenAPI document, asked by every role about a target inside and outside
 * its jurisdiction. The expectations come from the plan (domain.md: clerks act for their unit and the units below it,
 * approvers decide at their own tier within their government, supervisors replay, administrators administer within
 * the government they are bound to) and libs/auth's policy.
 */

/** The senders, in the order of the columns below. */
export const ROLES = [
  ['anonymous', undefined],
  ['clerk of 淅川县', 'clerk.xichuan'],
  ['clerk of 唐河县', 'clerk.tanghe'],
  ['county approver (淅川县)', 'approver.xichuan'],
  ['municipal approver (南阳市)', 'approver.nanyang'],
  ['provincial approver', 'approver.henan'],
  ['city supervisor (南阳市)', 'supervisor.nanyang'],
  ['province supervisor', 'supervisor.henan'],
  ['admin (河南省)', 'admin'],
  ['municipal admin (南阳市)', 'admin.nanyang'],
] as const;

/** The targets, in the order of each column's letters: 淅川县's, 唐河县's (both in 南阳市), 洛阳市 涧西区's. */
export const TARGETS = ['henan.nanyang.xichuan', 'henan.nanyang.tanghe', '410302'] as const;

/**
 * Changes carry a stale If-Match where the route takes one: an allowed sender gets 409 after the policy has said
 * yes, so the table changes nothing it asks about twice.
 */
const STALE = { 'if-match': '"999"' };
const act = (path: string, body: unknown = {}) => ({
  request: (target: Target): MatrixRequest => ({
    method: 'POST',
    path: `/offices/${target.officeId}/${path}`,
    body,
    headers: STALE,
  }),
  //          anon clkX clkT apCo apMu apPr suCi suPr adm  admCity
  expected: 'DDD  ADD  DAD  DDD  DDD  DDD  DDD  DDD  AAA  AAD',
});
const taskAction = (path: string, body: unknown = {}) => ({
  request: (target: Target): MatrixRequest => ({
    method: 'POST',
    path: `/tasks/${target.taskId}/${path}`,
    body,
    headers: STALE,
  }),
  expected: 'DDD  DDD  DDD  ADD  DDD  DDD  DDD  DDD  DDD  DDD',
});
const accountAction = (path: string): Row => ({
  request: (target) => ({
    method: 'POST',
    path: `/users/${target.username}/${path}`,
    body: REASON,
    headers: STALE,
  }),
  expected: ADMINS,
});

const RETENTION = {
  justification: '承担对口援助联络服务',
  functions: ['economic-cooperation'],
  decoupledFromBusinessEntities: true,
};
const REASON = { reason: '权限矩阵检查 (七)' };

export const TABLE: Record<string, Row> = {
  'POST /auth/login': {
    request: () => ({
      method: 'POST',
      path: '/auth/login',
      body: { username: 'clerk.tanghe', password: DEMO_PASSWORD },
    }),
    expected: PUBLIC,
  },
  'POST /auth/session': {
    request: () => ({
      method: 'POST',
      path: '/auth/session',
      body: { username: 'clerk.tanghe', password: DEMO_PASSWORD },
    }),
    expected: PUBLIC,
  },
  // Signing out ends every token of the account, the matrix's own included: asked without one, it ends nothing.
  'DELETE /auth/session': {
    request: () => ({ method: 'DELETE', path: '/auth/session', headers: { authorization: '' } }),
    expected: PUBLIC,
  },
  'GET /auth/me': get(() => '/auth/me', SIGNED_IN),
  'POST /auth/password': {
    // The wrong current password: refused as a 422 about the request, after the route let the sender in.
    request: () => ({
      method: 'POST',
      path: '/auth/password',
      body: { currentPassword: 'not-mine-at-all', newPassword: 'a-new-password-1' },
    }),
    expected: SIGNED_IN,
  },
  // The queue board acts on every city's jobs: not a municipal administrator's.
  'POST /auth/queue-board-session': {
    request: () => ({ method: 'POST', path: '/auth/queue-board-session' }),
    expected: 'DDD  DDD  DDD  DDD  DDD  DDD  DDD  DDD  AAA  DDD',
  },
  'GET /health': get(() => '/health', PUBLIC),
  'GET /health/live': get(() => '/health/live', PUBLIC),
  'GET /health/ready': get(() => '/health/ready', PUBLIC),
  'GET /metrics': get(() => '/metrics', PUBLIC),
  'GET /jurisdictions': get(() => '/jurisdictions', SIGNED_IN),
  'GET /host-cities': get(() => '/host-cities', SIGNED_IN),
  'GET /rules': get(() => '/rules', SIGNED_IN),
  // The plan's rules applied to public reference data: nothing of any unit's offices is read.
  'GET /rules/preview': get(
    (target) => `/rules/preview?sponsorUnitId=${target.unitId}&hostCityId=zhengzhou`,
    SIGNED_IN,
  ),

  'POST /offices': {
    request: (target) => ({
      method: 'POST',
      path: '/offices',
      body: {
        officeId: target.newOfficeId,
        name: '驻郑州办事处',
        sponsorUnitId: target.unitId,
        hostCityId: 'zhengzhou',
      },
    }),
    expected: 'DDD  ADD  DAD  DDD  DDD  DDD  DDD  DDD  AAA  AAD',
  },
  // Lists narrow to the sender's jurisdiction rather than refuse.
  'GET /offices': get((target) => `/offices?unitId=${target.unitId}`, SIGNED_IN),
  'GET /offices/{officeId}': get((target) => `/offices/${target.officeId}`, OFFICE_READERS),
  'GET /offices/{officeId}/history': get((target) => `/offices/${target.officeId}/history`, OFFICE_READERS),
  'POST /offices/{officeId}/ruling': {
    request: (target) => ({
      method: 'POST',
      path: `/offices/${target.officeId}/ruling`,
      body: { tier: 'provincial', ruling: 'abolish', reasoning: '参照三(一)-b' },
      headers: STALE,
    }),
    expected: 'DDD  DDD  DDD  DDD  DDD  AAA  DDD  DDD  AAA  DDD',
  },
  'POST /offices/{officeId}/retention-request': act('retention-request', RETENTION),
  'POST /offices/{officeId}/retention-request/resubmission': act('retention-request/resubmission', RETENTION),
  'POST /offices/{officeId}/retention-decisions': {
    request: (target) => ({
      method: 'POST',
      path: `/offices/${target.officeId}/retention-decisions`,
      body: { decision: 'approve', tier: 'county', comment: '同意' },
      headers: STALE,
    }),
    expected: 'DDD  DDD  DDD  ADD  DDD  DDD  DDD  DDD  DDD  DDD',
  },
  'POST /offices/{officeId}/assets': act('assets', {
    assetId: 'car-9',
    kind: 'vehicle',
    description: '公务用车',
    bookValue: 1,
  }),
  'POST /offices/{officeId}/staff': act('staff', { staffId: 'staff-9', name: '王五' }),
  'POST /offices/{officeId}/abolition': act('abolition', { decisionReference: '淅政〔2015〕1号' }),
  'POST /offices/{officeId}/asset-disposals': act('asset-disposals', {
    assetId: 'car-9',
    method: 'write-off',
    value: 0,
    approvalReference: '国资〔2015〕1号',
  }),
  'POST /offices/{officeId}/staff-placements': act('staff-placements', {
    staffId: 'staff-9',
    placement: 'retired',
    destination: '退休',
  }),
  'POST /offices/{officeId}/closure': act('closure'),
  'GET /offices/{officeId}/timeline': get((target) => `/offices/${target.officeId}/timeline`, AUDITORS),
  'GET /offices/{officeId}/as-of': get(
    (target) => `/offices/${target.officeId}/as-of?at=2030-01-01T00:00:00Z`,
    AUDITORS,
  ),

  'GET /tasks': get(() => '/tasks', 'DDD  DDD  DDD  AAA  AAA  AAA  DDD  DDD  DDD  DDD'),
  // Everyone signed in hears of the tasks they may see (filtered on the server), and of nothing else.
  'GET /tasks/stream': get(() => '/tasks/stream', SIGNED_IN),
  'GET /tasks/delegates': get(() => '/tasks/delegates', 'DDD  DDD  DDD  AAA  AAA  AAA  DDD  DDD  DDD  DDD'),
  'GET /tasks/holdings': get((target) => `/tasks/holdings?unitId=${target.unitId}`, AUDITORS),
  'GET /tasks/{officeId}/{revision}': get((target) => `/tasks/${target.taskId}`, OFFICE_READERS),
  'POST /tasks/{officeId}/{revision}/claim': taskAction('claim'),
  'POST /tasks/{officeId}/{revision}/release': taskAction('release'),
  'POST /tasks/{officeId}/{revision}/delegate': taskAction('delegate', { to: 'approver.xichuan.2' }),
  'POST /tasks/{officeId}/{revision}/decision': taskAction('decision', {
    decision: 'approve',
    comment: '同意',
  }),

  'GET /notices': get(() => '/notices', SIGNED_IN),
  'GET /notices/circulation': get(
    () => '/notices/circulation',
    'DDD  DDD  DDD  DDD  DDD  DDD  AAA  AAA  AAA  AAA',
  ),
  // No notice has that id: everyone signed in hears "not found", whoever it might have been for.
  'POST /notices/{noticeId}/read': {
    request: () => ({ method: 'POST', path: '/notices/00000000-0000-4000-8000-000000000000/read' }),
    expected: 'DDD  NNN  NNN  NNN  NNN  NNN  NNN  NNN  NNN  NNN',
  },

  'GET /campaign': get(() => '/campaign', SIGNED_IN),
  // The campaign on a past date is the supervisors' replay, narrowed to their jurisdiction.
  'GET /campaign/as-of': get(() => '/campaign/as-of?at=2015-11-16T00:00:00Z', SUPERVISORS),
  'POST /campaign/phases/{phase}/deadline': {
    request: () => ({
      method: 'POST',
      path: '/campaign/phases/summary/deadline',
      body: { to: '2015-11-15T16:00:00Z', ...REASON },
    }),
    // The campaign's deadlines hold for every unit: not one city's administrator's to move.
    expected: 'DDD  DDD  DDD  DDD  DDD  DDD  DDD  DDD  AAA  DDD',
  },
  'GET /units/{unitId}/filings': get((target) => `/units/${target.unitId}/filings`, OFFICE_READERS),
  'POST /units/{unitId}/work-plan': {
    request: (target) => ({
      method: 'POST',
      path: `/units/${target.unitId}/work-plan`,
      body: {
        leadDepartment: '政府办公室',
        liaisonPerson: { name: '联络员', phone: '0377-63100000' },
        plan: '按三(一)清理',
      },
    }),
    expected: 'DDD  ADD  DAD  DDD  DDD  DDD  DDD  DDD  AAA  AAD',
  },
  'POST /units/{unitId}/work-summary': {
    request: (target) => ({
      method: 'POST',
      path: `/units/${target.unitId}/work-summary`,
      body: { summary: '已按期完成清理' },
    }),
    expected: 'DDD  ADD  DAD  DDD  DDD  DDD  DDD  DDD  AAA  AAD',
  },
  'GET /units/{unitId}/timeline': get((target) => `/units/${target.unitId}/timeline`, AUDITORS),

  'GET /events': get((target) => `/events?unitId=${target.unitId}`, AUDITORS),
  'GET /events/export': get((target) => `/events/export?unitId=${target.unitId}`, AUDITORS),
  'GET /audit/verify': get(() => '/audit/verify', SUPERVISORS),
  'POST /audit/anchors': {
    request: () => ({ method: 'POST', path: '/audit/anchors' }),
    expected: 'DDD  DDD  DDD  DDD  DDD  DDD  DDD  DDD  AAA  AAA',
  },

  // The list narrows to the administrator's jurisdiction: nothing of 洛阳市 for 南阳市's.
  'GET /users': get(
    (target) => `/users?unitId=${target.unitId}`,
    'DDD  DDD  DDD  DDD  DDD  DDD  DDD  DDD  AAA  AAA',
  ),
  'POST /users': {
    request: (target, sender) => ({
      method: 'POST',
      path: '/users',
      body: {
        username: `m.${sender}.${target.key}`,
        displayName: '联络员',
        role: 'clerk',
        unitId: target.unitId,
        ...REASON,
      },
    }),
    expected: ADMINS,
  },
  'GET /users/{username}': get((target) => `/users/${target.username}`, ADMINS),
  'GET /users/{username}/history': get((target) => `/users/${target.username}/history`, ADMINS),
  'PATCH /users/{username}': {
    request: (target) => ({
      method: 'PATCH',
      path: `/users/${target.username}`,
      body: { role: 'clerk', ...REASON },
      headers: STALE,
    }),
    expected: ADMINS,
  },
  'POST /users/{username}/disable': accountAction('disable'),
  'POST /users/{username}/enable': accountAction('enable'),
  'POST /users/{username}/password-reset': accountAction('password-reset'),

  'GET /units': get((target) => `/units?within=${target.unitId}`, SIGNED_IN),
  'GET /units/{unitId}': get((target) => `/units/${target.unitId}`, SIGNED_IN),
  'POST /units': {
    request: (target, sender) => ({
      method: 'POST',
      path: '/units',
      body: {
        parentId: target.unitId,
        key: `m-${sender.replace(/\W/g, '-')}`,
        name: '矩阵局',
        kind: 'department',
        ...REASON,
      },
    }),
    expected: ADMINS,
  },
  'PATCH /units/{unitId}': {
    request: (target) => ({
      method: 'PATCH',
      path: `/units/${target.departmentId}`,
      body: { name: '矩阵局(更名)', ...REASON },
    }),
    expected: ADMINS,
  },
  'POST /units/{unitId}/retirement': {
    request: (target) => ({ method: 'POST', path: `/units/${target.departmentId}/retirement`, body: REASON }),
    expected: ADMINS,
  },
  ...REPORT_ROWS,
  ...REGULATION_ROWS,
  'GET /groups': get(
    (target) => `/groups?within=${target.unitId}`,
    'DDD  DDD  DDD  DDD  DDD  DDD  AAA  AAA  AAA  AAA',
  ),
};
