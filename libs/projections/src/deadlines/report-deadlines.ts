import {
  REPORT_STEPS,
  reportDeadlineId,
  reportDeadlineKind,
  summaryInspectionDeadlineId,
  type JurisdictionCatalog,
  type ReportEvent,
  type ReportStep,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import type { DeadlineWorkingSet } from './working-set';

/** The deadlines an event of a city's report stream may change: each step's, and the unit's inspection it names. */
export function reportDeadlineIds(cityId: string, data?: unknown): string[] {
  const ids = REPORT_STEPS.map((step) => reportDeadlineId(step, cityId));
  const unitId = (data as { unitId?: unknown } | undefined)?.unitId;
  if (typeof unitId === 'string') ids.push(summaryInspectionDeadlineId(unitId));
  return ids;
}

/** The steps an event of the report stream completes (the inspection also when every summary is accepted: the scheduler asks the stream). */
function stepsDone(event: ReportEvent): ReportStep[] {
  switch (event.type) {
    case 'CityReportReviewed':
      return event.data.decision === 'approved' ? ['inspection', 'review'] : [];
    case 'CityReportSubmitted':
      return [...REPORT_STEPS];
    default:
      return [];
  }
}

/**
 * Follows a city's report stream (七(三)): each step's deadline as recorded, pending until the step is done. The
 * Bureau's supervisors are reminded, as a city's own work.
 */
export function followReport(
  recorded: RecordedEvent,
  work: DeadlineWorkingSet,
  jurisdictions: JurisdictionCatalog,
): void {
  const event = { type: recorded.type, data: recorded.data } as ReportEvent;
  if (event.type === 'ReportDeadlineSet') {
    const { cityId, deadlineId, step, dueAt } = event.data;
    const before = work.deadline(deadlineId);
    work.putDeadline({
      deadline_id: deadlineId,
      kind: reportDeadlineKind(step),
      task_kind: null,
      subject_id: cityId,
      office_id: null,
      unit_id: cityId,
      title: `${jurisdictions.find(cityId)?.name ?? cityId}汇总报告`,
      tier: 'municipal',
      candidate_group: null,
      assignee: null,
      due_at: dueAt,
      status: before?.status ?? 'pending',
      last_step: before?.last_step ?? null,
    });
    return;
  }
  if (event.type === 'ReportDeadlineMoved') {
    const deadline = work.deadline(event.data.deadlineId);
    if (deadline) deadline.due_at = event.data.to;
    return;
  }
  if (event.type === 'SummaryInspectionDeadlineSet') {
    // A new filing: a new due date, its ladder from the start; the Bureau's supervisors are reminded.
    const { cityId, unitId, deadlineId, dueAt } = event.data;
    work.putDeadline({
      deadline_id: deadlineId,
      kind: 'report-summary-inspection',
      task_kind: null,
      subject_id: unitId,
      office_id: null,
      unit_id: cityId,
      title: `${jurisdictions.find(unitId)?.name ?? unitId}工作总结检查`,
      tier: 'municipal',
      candidate_group: null,
      assignee: null,
      due_at: dueAt,
      status: 'pending',
      last_step: null,
    });
    return;
  }
  if (event.type === 'SummaryInspected') {
    const deadline = work.deadline(summaryInspectionDeadlineId(event.data.unitId));
    if (deadline?.status === 'pending') deadline.status = 'met';
    return;
  }
  const cityId = event.data.cityId;
  for (const step of stepsDone(event)) {
    const deadline = work.deadline(reportDeadlineId(step, cityId));
    if (deadline?.status === 'pending') deadline.status = 'met';
  }
}
