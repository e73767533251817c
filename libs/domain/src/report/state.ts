import type {
  CityReportReviewed,
  CityReportSubmitted,
  ReportDueDateBasis,
  ReportEvent,
  ReportStep,
  SummaryInspected,
} from './events';

export interface ReportState {
  opened: boolean;
  cityId?: string;
  filingUnits: readonly string[];
  deadlines: Partial<Record<ReportStep, string>>;
  /** Why each step is due when it is: where it was counted from, with what allowance. */
  bases: Partial<Record<ReportStep, ReportDueDateBasis>>;
  /** Each unit's summary as last filed, and when the Bureau's inspection of it falls due. */
  summaryInspections: Readonly<Record<string, { summaryFiledAt: string; dueAt: string }>>;
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
  bases: {},
  summaryInspections: {},
  inspections: {},
});

export function evolve(state: ReportState, event: ReportEvent): ReportState {
  switch (event.type) {
    case 'CityReportOpened':
      return { ...state, opened: true, cityId: event.data.cityId, filingUnits: event.data.filingUnits };
    case 'ReportDeadlineSet':
      return {
        ...state,
        deadlines: { ...state.deadlines, [event.data.step]: event.data.dueAt },
        bases: { ...state.bases, [event.data.step]: event.data.basis },
      };
    case 'ReportDeadlineMoved':
      return {
        ...state,
        deadlines: { ...state.deadlines, [event.data.step]: event.data.to },
        bases: { ...state.bases, [event.data.step]: event.data.basis },
      };
    case 'SummaryInspectionDeadlineSet': {
      const { unitId, summaryFiledAt, dueAt } = event.data;
      return {
        ...state,
        summaryInspections: { ...state.summaryInspections, [unitId]: { summaryFiledAt, dueAt } },
      };
    }
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

/**
 * Whether the Bureau's inspection of a unit's summary is done: the filing that set the deadline was inspected
 * (accepted or returned: a returned summary filed again sets a new one), or the report moved past the inspection.
 */
export function summaryInspectionDone(state: ReportState, unitId: string): boolean {
  const due = state.summaryInspections[unitId];
  if (!due) return true;
  return (
    state.inspections[unitId]?.summaryFiledAt === due.summaryFiledAt || reportStepDone(state, 'inspection')
  );
}
