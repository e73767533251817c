import type { Duration } from '../calendar';
import type { ReportDeadlineKind } from '../deadline/ids';

/**
 * A city's report (七(三)): every unit's work summary goes to the Bureau, which inspects it (accepts it, or returns
 * it with a comment for the unit to file again) and aggregates the whole city (汇总全市); the municipal government
 * reviews the whole report, and it goes to the provincial Bureau. One stream per city, `report-<cityId>`.
 */
export const REPORT_STREAM_PREFIX = 'report-';

export function reportStreamId(cityId: string): string {
  return `${REPORT_STREAM_PREFIX}${cityId}`;
}

/** The report's steps, each with a deadline on the escalation ladder. */
export const REPORT_STEPS = ['inspection', 'review', 'submission'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

/** The kind of deadline each step has on the escalation ladder. */
export function reportDeadlineKind(step: ReportStep): ReportDeadlineKind {
  return `report-${step}`;
}

/** `report-inspection.<cityId>`, `report-review.<cityId>`, `report-submission.<cityId>`. */
export function reportDeadlineId(step: ReportStep, cityId: string): string {
  return `report-${step}.${cityId}`;
}

/** Why a report step is due when it is: the time allowed after the step before it (or the summary deadline). */
export interface ReportDueDateBasis {
  rule: 'report-sla';
  allowed: Duration;
  from: string;
  calendar: string;
}

/** `report-summary-inspection.<unitId>`: the Bureau's inspection of the summary a unit filed. */
export function summaryInspectionDeadlineId(unitId: string): string {
  return `report-summary-inspection.${unitId}`;
}

/** Why a unit's summary is due for inspection when it is: the time allowed after the unit filed it. */
export interface SummaryInspectionBasis {
  rule: 'inspection-sla';
  allowed: Duration;
  from: string;
  calendar: string;
}

export interface CityReportOpened {
  type: 'CityReportOpened';
  data: { cityId: string; campaignId: string; filingUnits: string[]; summaryDueAt: string };
}

export interface ReportDeadlineSet {
  type: 'ReportDeadlineSet';
  data: {
    cityId: string;
    deadlineId: string;
    step: ReportStep;
    dueAt: string;
    basis: ReportDueDateBasis;
  };
}

/**
 * The summary phase's deadline moved (七): a step not yet done moves with it, counted again from the new summary
 * deadline with the time each step was given. Who moved it is the event's actor; `reason` says why.
 */
export interface ReportDeadlineMoved {
  type: 'ReportDeadlineMoved';
  data: {
    cityId: string;
    deadlineId: string;
    step: ReportStep;
    from: string;
    to: string;
    reason: string;
    basis: ReportDueDateBasis;
  };
}

/** A unit filed its summary (again): the Bureau's inspection of that filing falls due the set time after it. */
export interface SummaryInspectionDeadlineSet {
  type: 'SummaryInspectionDeadlineSet';
  data: {
    cityId: string;
    unitId: string;
    deadlineId: string;
    summaryFiledAt: string;
    dueAt: string;
    basis: SummaryInspectionBasis;
  };
}

export type InspectionVerdict = 'accepted' | 'returned';
export const INSPECTION_VERDICTS: readonly InspectionVerdict[] = ['accepted', 'returned'];

export interface SummaryInspected {
  type: 'SummaryInspected';
  data: {
    cityId: string;
    unitId: string;
    verdict: InspectionVerdict;
    comment: string;
    /** Which filing of the summary was inspected: a summary filed again after a return is inspected again. */
    summaryFiledAt: string;
    inspectedAt: string;
  };
}

export type ReviewDecision = 'approved' | 'returned';
export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['approved', 'returned'];

export interface CityReportReviewed {
  type: 'CityReportReviewed';
  data: { cityId: string; decision: ReviewDecision; comment: string; reviewedAt: string };
}

export interface CityReportSubmitted {
  type: 'CityReportSubmitted';
  /** The report submitted is the city's report as of `submittedAt`: a fold of the log, reproduced at will. */
  data: { cityId: string; provinceId: string; submittedAt: string };
}

export type ReportEvent =
  | CityReportOpened
  | ReportDeadlineSet
  | ReportDeadlineMoved
  | SummaryInspectionDeadlineSet
  | SummaryInspected
  | CityReportReviewed
  | CityReportSubmitted;
