import {
  DEADLINE_STREAM_PREFIX,
  REPORT_STEPS,
  evolveReport,
  initialReportState,
  reportStepDone,
  reportStreamId,
  UNIT_STREAM_PREFIX,
  type DeadlineNoticeSent,
  type HostCity,
  type JurisdictionCatalog,
  type ReportEvent,
  type ReportState,
  type UnitEvent,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import { newCampaignLog, recordCampaign, summariseCampaign, type CampaignLog } from '../audit/campaign-as-of';
import {
  type ReportCirculationItem,
  type CityReport,
  type FilingRecord,
  type FilingStatus,
  type InspectionStatus,
  type UnitReport,
} from './report-model';
import { countOffice, officeLine, sumUnits } from './report-tally';

export interface CityReportOptions {
  cityId: string;
  jurisdictions: JurisdictionCatalog;
  hostCities: ReadonlyMap<string, HostCity>;
}

interface Filings {
  plan: string[];
  summary: string[];
}

/**
 * What the log says up to the instant, for one city: the campaign's log (offices, filings, phase deadlines) and
 * the city's own. Held per office, unit and notice of the city, never per event, so the log streams through once.
 */
interface Log {
  campaign: CampaignLog;
  filings: Map<string, Filings>;
  report: ReportState;
  notices: DeadlineNoticeSent['data'][];
}

function record(log: Log, event: RecordedEvent, cityId: string, within: (unitId: string) => boolean): void {
  recordCampaign(log.campaign, event);
  const { streamId } = event;
  if (streamId.startsWith(UNIT_STREAM_PREFIX)) {
    const { data } = event as unknown as UnitEvent;
    const filings = log.filings.get(data.unitId) ?? { plan: [], summary: [] };
    // The first filing is the one on time or late, the last the one inspected: nothing in between is kept.
    const dates = event.type === 'WorkPlanFiled' ? filings.plan : filings.summary;
    if (dates.length < 2) dates.push(data.filedAt);
    else dates[1] = data.filedAt;
    log.filings.set(data.unitId, filings);
  } else if (streamId === reportStreamId(cityId)) {
    log.report = evolveReport(log.report, { type: event.type, data: event.data } as ReportEvent);
  } else if (streamId.startsWith(DEADLINE_STREAM_PREFIX) && event.type === 'DeadlineNoticeSent') {
    const notice = (event as unknown as DeadlineNoticeSent).data;
    if (within(notice.unitId) || notice.unitId === cityId) log.notices.push(notice);
  }
}

function filingRecord(
  dates: readonly string[] | undefined,
  dueAt: string | undefined,
  instant: number,
): FilingRecord {
  const first = dates?.[0] ?? null;
  const last = dates?.at(-1) ?? null;
  let status: FilingStatus;
  if (first === null) status = dueAt !== undefined && Date.parse(dueAt) < instant ? 'missing' : 'not-yet-due';
  else status = dueAt !== undefined && Date.parse(first) > Date.parse(dueAt) ? 'late' : 'on-time';
  return { firstFiledAt: first, lastFiledAt: last, status };
}

function inspectionOf(
  report: ReportState,
  unitId: string,
  lastSummary: string | null,
): UnitReport['inspection'] {
  const inspection = report.inspections[unitId];
  const due = report.summaryInspections[unitId];
  let status: InspectionStatus;
  if (lastSummary === null) status = 'not-filed';
  else if (inspection?.summaryFiledAt !== lastSummary) status = 'awaiting-inspection';
  else status = inspection.verdict;
  return {
    status,
    comment: inspection?.comment || null,
    inspectedAt: inspection?.inspectedAt ?? null,
    // When the Bureau's inspection of the summary on file falls due (null: nothing filed, or none recorded).
    dueAt: lastSummary !== null && due?.summaryFiledAt === lastSummary ? due.dueAt : null,
  };
}

/**
 * The city's report as of an instant (七(三), 八(三)): a pure fold of the events that had happened by then (their
 * `occurredAt`), so the same instant always gives the same report. Offices are counted under the filing unit they
 * belong to (a county's departments under the county); the city's own government's under the city.
 */
export async function cityReport(
  events: Iterable<RecordedEvent> | AsyncIterable<RecordedEvent>,
  at: string,
  options: CityReportOptions,
): Promise<CityReport> {
  const { cityId, jurisdictions, hostCities } = options;
  const instant = Date.parse(at);
  const city = jurisdictions.get(cityId);
  const provinceId = jurisdictions.nearest(cityId, 'province')?.id ?? cityId;
  const log: Log = {
    campaign: newCampaignLog(),
    filings: new Map(),
    report: initialReportState(),
    notices: [],
  };
  const within = (unitId: string) =>
    jurisdictions.find(unitId) !== undefined && jurisdictions.isWithin(unitId, cityId);
  for await (const event of events) {
    if (Date.parse(event.metadata.occurredAt) > instant) continue;
    record(log, event, cityId, within);
  }
  const launched = log.campaign.campaign;
  const filingUnitIds = (log.report.opened ? log.report.filingUnits : (launched?.filingUnits ?? [])).filter(
    within,
  );
  const filing = new Set(filingUnitIds);
  const units = new Map<string, UnitReport>();
  const unit = (unitId: string): UnitReport => {
    let entry = units.get(unitId);
    if (!entry) {
      entry = sumUnits(unitId, jurisdictions.find(unitId)?.name ?? unitId, []);
      units.set(unitId, entry);
    }
    return entry;
  };
  // The phase deadlines as they stood at the instant, moves included: the ones the overdue list counts too.
  const deadlines = launched ? log.campaign.deadlines : undefined;
  for (const unitId of filingUnitIds) {
    const entry = unit(unitId);
    const filings = log.filings.get(unitId);
    entry.workPlan = filingRecord(filings?.plan, deadlines?.plan, instant);
    entry.workSummary = filingRecord(filings?.summary, deadlines?.summary, instant);
    entry.inspection = inspectionOf(log.report, unitId, entry.workSummary.lastFiledAt);
  }
  const offices = [];
  for (const { state } of log.campaign.offices.values()) {
    if (state.status === 'unregistered' || !within(state.office.sponsorUnitId)) continue;
    const line = officeLine(
      state,
      reportingUnit(jurisdictions, cityId, state.office.sponsorUnitId),
      provinceId,
      hostCities,
    );
    offices.push(line);
    countOffice(unit(line.unitId), state, line);
  }
  offices.sort(
    (a, b) =>
      byCodePoint(a.unitId, b.unitId) || byCodePoint(a.name, b.name) || byCodePoint(a.officeId, b.officeId),
  );
  const ordered = [...units.values()].sort((a, b) =>
    a.unitId === cityId
      ? -1
      : b.unitId === cityId
        ? 1
        : Number(!filing.has(a.unitId)) - Number(!filing.has(b.unitId)) || byCodePoint(a.unitId, b.unitId),
  );
  const total = sumUnits(cityId, city.name, ordered);
  const filingCounts = (key: 'workPlan' | 'workSummary') => {
    const counts: Record<FilingStatus, number> = { 'on-time': 0, late: 0, missing: 0, 'not-yet-due': 0 };
    for (const each of ordered) if (each[key]) counts[each[key].status] += 1;
    return counts;
  };
  const campaign = summariseCampaign(log.campaign, at, {
    scope: { kind: 'within', unitId: cityId },
    jurisdictions,
  });
  const notices = log.notices;
  const circulation: ReportCirculationItem[] = notices
    .filter((notice) => notice.circulate)
    .map(({ deadlineId, kind, subjectId, unitId, title, dueAt, sentAt }) => ({
      deadlineId,
      kind,
      subjectId,
      unitId,
      title,
      dueAt,
      listedAt: sentAt,
    }))
    .sort((a, b) => byCodePoint(a.listedAt, b.listedAt) || byCodePoint(a.deadlineId, b.deadlineId));
  const report = log.report;
  const unitNames: Record<string, string> = { [cityId]: city.name };
  for (const unitId of [
    ...ordered.map((each) => each.unitId),
    ...offices.map((office) => office.sponsorUnitId),
    ...campaign.overdue.map((item) => item.unitId),
    ...circulation.map((item) => item.unitId),
  ]) {
    unitNames[unitId] ??= jurisdictions.find(unitId)?.name ?? unitId;
  }
  return {
    cityId,
    cityName: city.name,
    provinceId,
    at,
    campaignId: launched?.campaignId ?? null,
    unitNames,
    units: ordered,
    city: {
      offices: total.offices,
      assets: total.assets,
      staff: total.staff,
      filings: { workPlan: filingCounts('workPlan'), workSummary: filingCounts('workSummary') },
    },
    offices,
    overdue: campaign.overdue,
    notices: {
      reminder: notices.filter((notice) => notice.step === 'reminder').length,
      escalation: notices.filter((notice) => notice.step === 'escalation').length,
      'leading-group': notices.filter((notice) => notice.step === 'leading-group').length,
    },
    circulation,
    steps: REPORT_STEPS.map((step) => {
      const dueAt = report.deadlines[step] ?? null;
      const done = reportStepDone(report, step);
      const late = dueAt !== null && Date.parse(dueAt) < instant;
      return { step, dueAt, status: done ? 'met' : late ? 'overdue' : 'pending' };
    }),
    review: report.review
      ? {
          decision: report.review.decision,
          comment: report.review.comment,
          reviewedAt: report.review.reviewedAt,
        }
      : null,
    submission: report.submitted
      ? { provinceId: report.submitted.provinceId, submittedAt: report.submitted.submittedAt }
      : null,
  };
}

/** The unit directly below the city on the sponsor's line, or the city itself for its own government. */
function reportingUnit(jurisdictions: JurisdictionCatalog, cityId: string, sponsorUnitId: string): string {
  return jurisdictions.lineage(sponsorUnitId).find((each) => each.parentId === cityId)?.id ?? cityId;
}

/** The same order on every machine, whatever its locale. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
