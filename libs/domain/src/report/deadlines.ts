import type { Duration, WorkingCalendar } from '../calendar';
import { InvalidCommand } from '../errors';
import type { MoveReportDeadlines, ScheduleSummaryInspection } from './commands';
import {
  reportDeadlineId,
  REPORT_STEPS,
  summaryInspectionDeadlineId,
  type ReportDueDateBasis,
  type ReportEvent,
  type ReportStep,
} from './events';
import { reportStepDone, type ReportState } from './state';

/**
 * How long each report step has after the one before it (the first after the summary deadline), and how long the
 * Bureau has to inspect a unit's summary after the unit filed it: the plan names no dates after 2015-11-15, so the
 * service gives the Bureau and the government the municipal tier's time.
 */
export interface ReportDeadlinePolicy {
  allowed: Duration;
  /** The time the Bureau has to inspect a summary once filed; the step allowance when not given. */
  inspectionAllowed?: Duration;
  calendar: WorkingCalendar;
}

/** Each step's due date counted from the summary deadline, each with the time `allowedFor` gives it. */
export function stepDueDates(
  summaryDueAt: string,
  calendar: WorkingCalendar,
  allowedFor: (step: ReportStep) => Duration,
): { step: ReportStep; dueAt: string; basis: ReportDueDateBasis }[] {
  let from = summaryDueAt;
  return REPORT_STEPS.map((step) => {
    const allowed = allowedFor(step);
    const dueAt = calendar.add(new Date(from), allowed).toISOString();
    const basis: ReportDueDateBasis = { rule: 'report-sla', allowed, from, calendar: calendar.version };
    from = dueAt;
    return { step, dueAt, basis };
  });
}

function isoOrThrow(value: string, field: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new InvalidCommand(field, `${field} must be an ISO-8601 date and time`);
  }
  return new Date(value).toISOString();
}

/**
 * The summary deadline moved (七): each step not yet done is counted again from it with the time it was given when
 * set, on the service's calendar. A report already counted from that deadline records nothing (a retry, or the
 * start-up catch-up after a move the report missed); a report not open, or submitted, has nothing pending.
 */
export function moveReportDeadlines(
  { data }: MoveReportDeadlines,
  state: ReportState,
  policy: ReportDeadlinePolicy,
): ReportEvent[] {
  const summaryDueAt = isoOrThrow(data.summaryDueAt, 'summaryDueAt');
  if (!state.opened || state.submitted) return [];
  if (state.bases.inspection?.from === summaryDueAt) return [];
  const events: ReportEvent[] = [];
  const allowedFor = (step: ReportStep) => state.bases[step]?.allowed ?? policy.allowed;
  for (const { step, dueAt, basis } of stepDueDates(summaryDueAt, policy.calendar, allowedFor)) {
    const from = state.deadlines[step];
    if (from === undefined || reportStepDone(state, step)) continue;
    if (from === dueAt && state.bases[step]?.from === basis.from) continue;
    events.push({
      type: 'ReportDeadlineMoved',
      data: {
        cityId: data.cityId,
        deadlineId: reportDeadlineId(step, data.cityId),
        step,
        from,
        to: dueAt,
        reason: data.reason,
        basis,
      },
    });
  }
  return events;
}

/**
 * A unit filed its summary (七(三)): the Bureau's inspection of that filing falls due the set time after it. The
 * same filing again, or one already inspected, records nothing; nothing falls due before the report opens or after it went to the province.
 */
export function scheduleSummaryInspection(
  { data }: ScheduleSummaryInspection,
  state: ReportState,
  policy: ReportDeadlinePolicy,
): ReportEvent[] {
  const summaryFiledAt = isoOrThrow(data.summaryFiledAt, 'summaryFiledAt');
  if (!state.opened || state.submitted) return [];
  if (!state.filingUnits.includes(data.unitId)) {
    throw new InvalidCommand(
      'unitId',
      `${data.unitId} is not one of ${data.cityId}'s filing units: only their summaries are inspected (七(三))`,
      '七(三)',
    );
  }
  if (state.summaryInspections[data.unitId]?.summaryFiledAt === summaryFiledAt) return [];
  // Inspected already (a store older than these deadlines, caught up on start): nothing falls due.
  if (state.inspections[data.unitId]?.summaryFiledAt === summaryFiledAt) return [];
  const allowed = policy.inspectionAllowed ?? policy.allowed;
  return [
    {
      type: 'SummaryInspectionDeadlineSet',
      data: {
        cityId: data.cityId,
        unitId: data.unitId,
        deadlineId: summaryInspectionDeadlineId(data.unitId),
        summaryFiledAt,
        dueAt: policy.calendar.add(new Date(summaryFiledAt), allowed).toISOString(),
        basis: { rule: 'inspection-sla', allowed, from: summaryFiledAt, calendar: policy.calendar.version },
      },
    },
  ];
}
