/**
 * A small campaign for the report's specs, built by hand as the store would hand it back. Not a spec itself.
 */
import { JurisdictionCatalog, NANYANG_UNITS, reportDeadlineId, type ReportEvent } from '@liaison/domain';
import { CAR, LAND, LI, UNIT, ZHANG, nanyangContext } from '@liaison/domain/testing/office-fixtures';
import {
  assetDisposed,
  cityOfficeInZhengzhou,
  countyOfficeInZhengzhou,
  officeAbolished,
  officeClosed,
  officeRegistered,
  pairedAssistanceOffice,
  retentionApproved,
  retentionForwarded,
  retentionRejected,
  retentionRequested,
  staffPlaced,
  uncoveredOffice,
} from '@liaison/domain/testing/office-history';
import { RecordedLog } from '../../audit/testing/recorded-log';
import type { CityReportOptions } from '../city-report';

export const CITY = UNIT.city;
export const { wancheng: WANCHENG, xichuan: XICHUAN, municipalCommerce: COMMERCE } = UNIT;
export const options: CityReportOptions = {
  cityId: CITY,
  jurisdictions: new JurisdictionCatalog(NANYANG_UNITS),
  hostCities: nanyangContext().hostCities,
};
export const AT = '2015-12-01T00:00:00.000Z';

function report(log: RecordedLog, fact: ReportEvent, at: string) {
  return log.append(`report-${CITY}`, fact, at, { actor: 'supervisor.nanyang', role: 'supervisor' });
}

/**
 * A small campaign: three filing units, five offices — one closed after its assets and staff were dealt with, one
 * retained, one rejected, one awaiting a ruling, one department's office not yet acted on — and the Bureau's
 * inspections.
 */
export function campaign(): RecordedLog {
  const log = new RecordedLog();
  const filingUnits = [COMMERCE, WANCHENG, XICHUAN];
  log.campaign(
    {
      type: 'CampaignLaunched',
      data: {
        campaignId: 'nanyang-2015',
        name: '南阳市清理规范驻省会城市办事机构工作',
        leadUnitId: CITY,
        deadlines: {
          plan: '2015-06-15T16:00:00.000Z',
          'carry-out': '2015-10-31T16:00:00.000Z',
          summary: '2015-11-15T16:00:00.000Z',
        },
        filingUnits,
      },
    },
    '2015-06-01T00:00:00.000Z',
  );
  const opened = {
    cityId: CITY,
    campaignId: 'nanyang-2015',
    filingUnits,
    summaryDueAt: '2015-11-15T16:00:00.000Z',
  };
  report(log, { type: 'CityReportOpened', data: opened }, '2015-06-01T00:00:00.000Z');
  const due = {
    inspection: '2015-11-22T16:00:00.000Z',
    review: '2015-11-29T16:00:00.000Z',
    submission: '2015-12-06T16:00:00.000Z',
  };
  for (const step of ['inspection', 'review', 'submission'] as const) {
    const basis = {
      rule: 'report-sla' as const,
      allowed: { workingDays: 5 },
      from: '',
      calendar: 'official',
    };
    const data = { cityId: CITY, deadlineId: reportDeadlineId(step, CITY), step, dueAt: due[step], basis };
    report(log, { type: 'ReportDeadlineSet', data }, '2015-06-01T00:00:00.000Z');
  }
  // 宛城区: abolished, land transferred at book value, the car auctioned for 150,000, both staff placed, closed.
  const at = (day: string) => `2015-${day}T02:00:00.000Z`;
  log.office(
    'o1',
    countyOfficeInZhengzhou({ officeId: 'o1', name: '宛城区人民政府驻郑州办事处' }),
    at('06-20'),
  );
  log.office('o1', officeAbolished(), at('07-01'));
  log.office(
    'o1',
    assetDisposed({
      assetId: LAND.assetId,
      method: 'transfer',
      recipient: '南阳市直机关事务管理局',
      recipientKind: 'government-body',
      value: 3_200_000,
      approvalReference: '宛财资〔2015〕1号',
    }),
    at('07-10'),
  );
  log.office(
    'o1',
    assetDisposed({
      assetId: CAR.assetId,
      method: 'public-auction',
      recipient: '竞得人',
      recipientKind: 'private-party',
      value: 150_000,
      approvalReference: '宛财资〔2015〕2号',
    }),
    at('07-11'),
  );
  log.office(
    'o1',
    staffPlaced({ staffId: ZHANG.staffId, placement: 'returned-to-sponsor', destination: '宛城区政府办' }),
    at('07-12'),
  );
  log.office(
    'o1',
    staffPlaced({ staffId: LI.staffId, placement: 'retired', destination: '退休' }),
    at('07-13'),
  );
  log.office('o1', officeClosed(2, 2), at('07-14'));
  // The city's own office in Zhengzhou, retained by the province (三(一)-c).
  log.office(
    'o2',
    cityOfficeInZhengzhou({ officeId: 'o2', name: '南阳市人民政府驻郑州办事处' }),
    at('06-20'),
  );
  log.office('o2', retentionRequested('municipal'), at('07-01'));
  log.office('o2', retentionForwarded('municipal', 'provincial'), at('07-05'));
  log.office('o2', retentionApproved('provincial'), at('07-20'));
  // 淅川县's Beijing office: paired assistance, but the county rejected the request.
  log.office(
    'o3',
    pairedAssistanceOffice({ officeId: 'o3', name: '淅川县人民政府驻北京办事处' }),
    at('06-20'),
  );
  log.office('o3', retentionRequested('county'), at('07-01'));
  log.office('o3', retentionRejected('county'), at('07-10'));
  // 南阳市商务局's Shenzhen office: the plan is silent, a ruling is awaited.
  log.office('o4', uncoveredOffice({ officeId: 'o4', name: '南阳市商务局驻深圳办事处' }), at('06-20'));
  // 淅川县商务局's Zhengzhou office (三(一)-b): counted under 淅川县, nothing done yet.
  log.office(
    'o5',
    officeRegistered({
      sponsor: UNIT.xichuanCommerce,
      host: 'zhengzhou',
      officeId: 'o5',
      name: '淅川县商务局驻郑州办事处',
    }),
    at('06-21'),
  );
  // Filings: 宛城区 on time; 淅川县 late, its summary returned and filed again; 商务局 never files its summary.
  log.unit(WANCHENG, 'WorkPlanFiled', at('06-10'));
  log.unit(COMMERCE, 'WorkPlanFiled', at('06-12'));
  log.unit(XICHUAN, 'WorkPlanFiled', at('06-20'));
  log.unit(WANCHENG, 'WorkSummaryFiled', at('11-10'));
  log.unit(XICHUAN, 'WorkSummaryFiled', at('11-20'));
  const inspected = (
    unitId: string,
    verdict: 'accepted' | 'returned',
    comment: string,
    summaryFiledAt: string,
  ) =>
    report(
      log,
      {
        type: 'SummaryInspected',
        data: { cityId: CITY, unitId, verdict, comment, summaryFiledAt, inspectedAt: at('11-21') },
      },
      at('11-21'),
    );
  inspected(WANCHENG, 'accepted', '', at('11-10'));
  inspected(XICHUAN, 'returned', '资产处置情况不全', at('11-20'));
  log.unit(XICHUAN, 'WorkSummaryFiled', at('11-25'));
  const notice = {
    deadlineId: `work-summary.${COMMERCE}`,
    kind: 'work-summary',
    subjectId: COMMERCE,
    unitId: COMMERCE,
    title: '南阳市商务局',
    dueAt: '2015-11-15T16:00:00.000Z',
    sentAt: at('11-23'),
    audience: ['supervisors:henan.nanyang'],
    message: '…',
  };
  log.append(
    `deadline-work-summary.${COMMERCE}`,
    { type: 'DeadlineNoticeSent', data: { ...notice, step: 'reminder', circulate: false } },
    at('11-16'),
  );
  log.append(
    `deadline-work-summary.${COMMERCE}`,
    { type: 'DeadlineNoticeSent', data: { ...notice, step: 'escalation', circulate: false } },
    at('11-18'),
  );
  log.append(
    `deadline-work-summary.${COMMERCE}`,
    { type: 'DeadlineNoticeSent', data: { ...notice, step: 'leading-group', circulate: true } },
    at('11-23'),
  );
  return log;
}
