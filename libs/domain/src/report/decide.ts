import { commandTime, type Decider } from '../decider';
import { InvalidCommand, InvalidTransition } from '../errors';
import type { JurisdictionCatalog } from '../jurisdiction';
import type {
  InspectSummary,
  OpenCityReport,
  ReportCommand,
  ReviewCityReport,
  SubmitCityReport,
} from './commands';
import {
  moveReportDeadlines,
  scheduleSummaryInspection,
  stepDueDates,
  type ReportDeadlinePolicy,
} from './deadlines';
import { reportDeadlineId, type ReportEvent } from './events';
import { evolve, initialState, type ReportState } from './state';

/** Opening twice is a retry. The three deadlines are decided here, once, and recorded. */
function open({ data }: OpenCityReport, state: ReportState, policy: ReportDeadlinePolicy): ReportEvent[] {
  if (state.opened) return [];
  const summaryDueAt = new Date(data.summaryDueAt).toISOString();
  const events: ReportEvent[] = [{ type: 'CityReportOpened', data: { ...data, summaryDueAt } }];
  for (const { step, dueAt, basis } of stepDueDates(summaryDueAt, policy.calendar, () => policy.allowed)) {
    events.push({
      type: 'ReportDeadlineSet',
      data: { cityId: data.cityId, deadlineId: reportDeadlineId(step, data.cityId), step, dueAt, basis },
    });
  }
  return events;
}

function mustBeOpen(state: ReportState, cityId: string): void {
  if (!state.opened) {
    throw new InvalidTransition(`${cityId} has no report: its campaign has not been launched`, 'unopened');
  }
  if (state.submitted) {
    throw new InvalidTransition(
      `${cityId}'s report went to the provincial Bureau at ${state.submitted.submittedAt}: it no longer changes (七(三))`,
      'submitted',
      '七(三)',
    );
  }
}

function needsComment(comment: string, what: string): void {
  if (comment.trim() === '') {
    throw new InvalidCommand('comment', `${what} needs a comment saying what to change (七(三))`, '七(三)');
  }
}

/** The Bureau inspects the summary a unit filed (七(三)); a returned summary is filed again and inspected again. */
function inspect({ data }: InspectSummary, state: ReportState, now: string): ReportEvent[] {
  mustBeOpen(state, data.cityId);
  if (!state.filingUnits.includes(data.unitId)) {
    throw new InvalidCommand(
      'unitId',
      `${data.unitId} is not one of ${data.cityId}'s filing units: only their summaries are inspected (七(三))`,
      '七(三)',
    );
  }
  if (data.summaryFiledAt === null) {
    throw new InvalidTransition(
      `${data.unitId} has filed no work summary: there is nothing to inspect (七(三))`,
      'no-summary',
      '七(三)',
    );
  }
  if (data.verdict === 'returned') needsComment(data.comment, 'returning a summary');
  const last = state.inspections[data.unitId];
  if (last?.summaryFiledAt === data.summaryFiledAt) {
    if (last.verdict === data.verdict) return [];
    throw new InvalidTransition(
      `${data.unitId}'s summary of ${data.summaryFiledAt} was already ${last.verdict}; a returned summary is inspected again once filed again`,
      last.verdict,
      '七(三)',
    );
  }
  const { cityId, unitId, verdict, comment, summaryFiledAt } = data;
  return [
    {
      type: 'SummaryInspected',
      data: { cityId, unitId, verdict, comment, summaryFiledAt, inspectedAt: now },
    },
  ];
}

/** The government reviews the whole report once every summary on file has been accepted (七(三)). */
function review({ data }: ReviewCityReport, state: ReportState, now: string): ReportEvent[] {
  mustBeOpen(state, data.cityId);
  if (data.decision === 'returned') needsComment(data.comment, 'returning the report');
  if (data.decision === 'approved') {
    const waiting = Object.entries(data.summaries)
      .filter(([unitId, filedAt]) => {
        const inspection = state.inspections[unitId];
        return inspection?.summaryFiledAt !== filedAt || inspection.verdict !== 'accepted';
      })
      .map(([unitId]) => unitId)
      .sort();
    if (waiting.length > 0) {
      throw new InvalidTransition(
        `the Bureau has not accepted the summaries of ${waiting.join(', ')}: it inspects them before the government reviews the report (七(三))`,
        'summaries-not-accepted',
        '七(三)',
      );
    }
    if (state.review?.decision === 'approved') return [];
  }
  const { cityId, decision, comment } = data;
  return [{ type: 'CityReportReviewed', data: { cityId, decision, comment, reviewedAt: now } }];
}

/** Only the report the government approved goes to the province (七(三)); submitting again is a retry. */
function submit(
  { data }: SubmitCityReport,
  state: ReportState,
  now: string,
  catalog: JurisdictionCatalog,
): ReportEvent[] {
  if (state.submitted) return [];
  mustBeOpen(state, data.cityId);
  if (state.review?.decision !== 'approved') {
    throw new InvalidTransition(
      `${data.cityId}'s report has not been approved by the municipal government: it reviews the report before it goes to the provincial Bureau (七(三))`,
      state.review ? 'returned' : 'not-reviewed',
      '七(三)',
    );
  }
  const provinceId = catalog.nearest(data.cityId, 'province')?.id ?? data.cityId;
  return [{ type: 'CityReportSubmitted', data: { cityId: data.cityId, provinceId, submittedAt: now } }];
}

/** A city's report (七(三)), given the jurisdiction tree and the time each step has. */
export function reportDecider(
  catalog: JurisdictionCatalog,
  policy: ReportDeadlinePolicy,
): Decider<ReportCommand, ReportEvent, ReportState> {
  return {
    decide(command, state) {
      if (catalog.find(command.data.cityId)?.kind !== 'city') {
        throw new InvalidCommand(
          'cityId',
          `cityId ${command.data.cityId} is not a city: a city's Bureau aggregates the report (七(三))`,
          '七(三)',
        );
      }
      switch (command.type) {
        case 'OpenCityReport':
          return open(command, state, policy);
        case 'InspectSummary':
          return inspect(command, state, commandTime(command));
        case 'ReviewCityReport':
          return review(command, state, commandTime(command));
        case 'SubmitCityReport':
          return submit(command, state, commandTime(command), catalog);
        case 'MoveReportDeadlines':
          return moveReportDeadlines(command, state, policy);
        case 'ScheduleSummaryInspection':
          return scheduleSummaryInspection(command, state, policy);
        default: {
          const _: never = command;
          throw new Error(`unknown report command ${JSON.stringify(_)}`);
        }
      }
    },
    evolve,
    initialState,
  };
}
