import { get } from './authorization-outcomes';
import type { Row, Target } from './authorization-outcomes';

/** The sponsor's clerks (their unit and below) and administrators within their jurisdiction. */
const RECORDERS = 'DDD  ADD  DAD  DDD  DDD  DDD  DDD  DDD  AAA  AAD';
/** Whoever may see the office but the approvers: its clerks, supervisors and administrators. */
const READERS = 'DDD  ADD  DAD  DDD  DDD  DDD  AAD  AAA  AAA  AAD';

/**
 * The target's office waits on its retention request, so an allowed sender's valid record is answered 409 (not
 * retained) after the policy has said yes, and nothing is recorded.
 */
const record = (path: (target: Target) => string, body: unknown): Row => ({
  request: (target) => ({
    method: 'POST',
    path: `/regulation/offices/${target.officeId}/${path(target)}`,
    body,
  }),
  expected: RECORDERS,
});

/** The rows of a retained office's regulation (四, 五, 六). */
export const REGULATION_ROWS: Record<string, Row> = {
  'GET /regulation/lapses': get(
    () => '/regulation/lapses',
    'DDD  AAA  AAA  DDD  DDD  DDD  AAA  AAA  AAA  AAA',
  ),
  'GET /regulation/offices/{officeId}': get((target) => `/regulation/offices/${target.officeId}`, READERS),
  'POST /regulation/offices/{officeId}/functions': record(() => 'functions', {
    function: 'economic-cooperation',
    activity: '推介会',
    evidence: '纪要',
    occurredOn: '2015-11-28',
  }),
  'POST /regulation/offices/{officeId}/decoupling': record(() => 'decoupling', {
    entities: ['中州宾馆'],
    evidence: '脱钩协议',
    decoupledOn: '2015-11-25',
  }),
  'POST /regulation/offices/{officeId}/receptions': record(() => 'receptions', {
    receptionId: 'r-1',
    receivedOn: '2015-11-30',
    guestUnit: '南阳市发展和改革委员会',
    letterReference: '宛发改函〔2015〕12号',
    list: '工作餐 4 人',
    cost: 320,
  }),
  'POST /regulation/offices/{officeId}/disclosures': record(() => 'disclosures', {
    year: 2015,
    budget: 50000,
    spending: 12000,
    venues: '定点饭店',
    publication: '政府网站',
  }),
  'POST /regulation/offices/{officeId}/rotations': record(() => 'rotations', {
    cadre: '赵明',
    direction: 'out',
    rotatedOn: '2015-11-30',
    evidence: '宛组干〔2015〕88号',
  }),
  'POST /regulation/offices/{officeId}/appraisals': record(() => 'appraisals', {
    year: 2015,
    grade: 'competent',
    summary: '规范',
    hostDepartment: '郑州市机关事务管理局',
    hostOpinion: '无违规',
  }),
  'POST /regulation/offices/{officeId}/supervisions': record(() => 'supervisions', {
    kind: 'audit',
    conductedBy: '南阳市审计局',
    conductedOn: '2015-11-30',
    findings: '未发现问题',
    evidence: '审计报告',
  }),
  'POST /regulation/offices/{officeId}/complaints': record(() => 'complaints', {
    complaintId: 'c-1',
    channel: 'hotline',
    summary: '反映超标准接待',
  }),
  'POST /regulation/offices/{officeId}/complaints/{complaintId}/result': record(
    () => 'complaints/c-1/result',
    {
      investigation: '调阅清单',
      result: '反映不实',
      publication: '政府网站',
    },
  ),
};
