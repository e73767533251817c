import type { Command } from '../decider';
import type { InspectionVerdict, ReviewDecision } from './events';

/** Opened when the campaign launches: the filing units and the summary deadline the report steps count from. */
export type OpenCityReport = Command<
  'OpenCityReport',
  { cityId: string; campaignId: string; filingUnits: string[]; summaryDueAt: string }
>;

/** The Bureau's inspection of one unit's summary, as filed at `summaryFiledAt` (null: nothing filed). */
export type InspectSummary = Command<
  'InspectSummary',
  {
    cityId: string;
    unitId: string;
    verdict: InspectionVerdict;
    comment: string;
    summaryFiledAt: string | null;
  }
>;

/**
 * The municipal government's review of the whole report. `summaries` are the summaries on file when it is
 * handled (unit id → when filed), read by the handler from the units' streams: each must have been accepted.
 */
export type ReviewCityReport = Command<
  'ReviewCityReport',
  { cityId: string; decision: ReviewDecision; comment: string; summaries: Record<string, string> }
>;

/** The reviewed report goes to the provincial Bureau. */
export type SubmitCityReport = Command<'SubmitCityReport', { cityId: string }>;

/** The campaign's summary deadline is now `summaryDueAt`: the steps not yet done move with it, for `reason`. */
export type MoveReportDeadlines = Command<
  'MoveReportDeadlines',
  { cityId: string; summaryDueAt: string; reason: string }
>;

/** A unit filed its work summary at `summaryFiledAt`: the Bureau's inspection of it falls due. */
export type ScheduleSummaryInspection = Command<
  'ScheduleSummaryInspection',
  { cityId: string; unitId: string; summaryFiledAt: string }
>;

export type ReportCommand =
  | OpenCityReport
  | InspectSummary
  | ReviewCityReport
  | SubmitCityReport
  | MoveReportDeadlines
  | ScheduleSummaryInspection;
