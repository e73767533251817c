import {
  REPORT_STEPS,
  reportDeadlineId,
  reportDeadlineKind,
  type JurisdictionCatalog,
  type ReportEvent,
  type ReportStep,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import type { DeadlineWorkingSet } from './working-set';

/** The deadlines a city's report stream holds: one per step, by the ids the events name. */
export function reportDeadlineIds(cityId: string): string[] {
  return REPORT_STEPS.map((step) => reportDeadlineId(step, cityId));
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
  const cityId = event.data.cityId;
  for (const step of stepsDone(event)) {
    const deadline = work.deadline(reportDeadlineId(step, cityId));
    if (deadline?.status === 'pending') deadline.status = 'met';
  }
}
