import type { Phase } from '../campaign';
import type { RegulationDeadlineKind } from '../regulation/events';

/**
 * What a deadline watches: a tier decision, a unit's filing by a phase deadline, an abolition by 2015-10-31, a step
 * of the city's report (七(三)), a retained office's dated duty (五, 六).
 */
export type DeadlineKind =
  'task' | 'work-plan' | 'work-summary' | 'abolition' | ReportDeadlineKind | RegulationDeadlineKind;

/**
 * The Bureau's inspection of the summaries, the government's review, the submission to the province (七(三)), and
 * the Bureau's inspection of each unit's summary as filed.
 */
export type ReportDeadlineKind =
  'report-inspection' | 'report-review' | 'report-submission' | 'report-summary-inspection';

/** A task's deadline: `task.<officeId>.<revision>` (also safe as a queue job id: no colon). */
export function taskDeadlineId(taskId: string): string {
  return `task.${taskId.replace('/', '.')}`;
}

export type FilingKind = 'work-plan' | 'work-summary';

/** The kind of deadline each phase's end watches (七). */
export const PHASE_DEADLINE_KIND: Record<Phase, DeadlineKind> = {
  plan: 'work-plan',
  'carry-out': 'abolition',
  summary: 'work-summary',
};

/** The event that meets a filing deadline. */
export const FILING_EVENT: Record<FilingKind, 'WorkPlanFiled' | 'WorkSummaryFiled'> = {
  'work-plan': 'WorkPlanFiled',
  'work-summary': 'WorkSummaryFiled',
};

/** `work-plan.<unitId>` or `work-summary.<unitId>`. */
export function filingDeadlineId(kind: FilingKind, unitId: string): string {
  return `${kind}.${unitId}`;
}

/** `abolition.<officeId>`. */
export function abolitionDeadlineId(officeId: string): string {
  return `abolition.${officeId}`;
}

/**
 * Whether an office must still be abolished by the end of the carry-out phase: a rejected retention request, or a
 * rule (or ruling) that says abolish, with nothing done about it yet.
 */
export function mustBeAbolished(status: string, requiredOutcome: string): boolean {
  return (
    status === 'rejected' ||
    (requiredOutcome === 'abolish' && (status === 'proposed' || status === 'returned-for-revision'))
  );
}
