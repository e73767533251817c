import type {
  CityReportReviewed,
  CityReportSubmitted,
  ReportEvent,
  ReportStep,
  SummaryInspected,
} from './events';

export interface ReportState {
  opened: boolean;
  cityId?: string;
  filingUnits: readonly string[];
  deadlines: Partial<Record<ReportStep, string>>;
  /** Each unit's latest inspection. */
  inspections: Readonly<Record<string, SummaryInspected['data']>>;
  /** The latest review, unless a summary was returned since (the report then changes and is reviewed again). */
  review?: CityReportReviewed['data'];
  submitted?: CityReportSubmitted['data'];
}

export const initialState = (): ReportState => ({
  opened: false,
  filingUnits: [],
  deadlines: {},
  inspections: {},
});

export function evolve(state: ReportState, event: ReportEvent): ReportState {
  switch (event.type) {
    case 'CityReportOpened':
      return { ...state, opened: true, cityId: event.data.cityId, filingUnits: event.data.filingUnits };
    case 'ReportDeadlineSet':
      return { ...state, deadlines: { ...state.deadlines, [event.data.step]: event.data.dueAt } };
    case 'SummaryInspected': {
      const inspections = { ...state.inspections, [event.data.unitId]: event.data };
      if (event.data.verdict === 'returned') {
        const { review: _review, ...rest } = state;
        return { ...rest, inspections };
      }
      return { ...state, inspections };
    }
    case 'CityReportReviewed':
      return { ...state, review: event.data };
    case 'CityReportSubmitted':
      return { ...state, submitted: event.data };
    default: {
      const _: never = event;
      throw new Error(`unknown report event ${JSON.stringify(_)}`);
    }
  }
}

/**
 * Whether a step's deadline is met: inspection when every filing unit's summary is accepted (or the report has
 * moved past it), review when the government approved it, submission when it went to the province.
 */
export function reportStepDone(state: ReportState, step: ReportStep): boolean {
  const submitted = state.submitted !== undefined;
  const approved = state.review?.decision === 'approved';
  switch (step) {
    case 'inspection':
      return (
        submitted ||
        approved ||
        (state.filingUnits.length > 0 &&
          state.filingUnits.every((unitId) => state.inspections[unitId]?.verdict === 'accepted'))
      );
    case 'review':
      return submitted || approved;
    case 'submission':
      return submitted;
  }
}
