import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  evolveReport,
  initialReportState,
  reportStepDone,
  reportStreamId,
  REPORT_STEPS,
  unitDecider,
  unitStreamId,
  type OfficeContext,
  type ReportEvent,
  type ReportState,
  type ReportStep,
} from '@liaison/domain';
import { foldStream, type EventStore } from '@liaison/event-store';
import { cityReport, readLog, type CityReport } from '@liaison/projections';
import { EVENT_STORE, OFFICE_CONTEXT } from '../tokens';

/** The city's report as of an instant (七(三)): a fold of the whole log up to it. */
export class CityReportQuery extends Query<CityReport> {
  constructor(
    readonly cityId: string,
    readonly at: string,
  ) {
    super();
  }
}

/** The city's report stream folded: its filing units, inspections, review and submission. */
export class ReportStateQuery extends Query<ReportState> {
  constructor(readonly cityId: string) {
    super();
  }
}

/** The work summaries on file for the city's filing units (unit id → when last filed), from the units' streams. */
export class SummariesOnFileQuery extends Query<Record<string, string>> {
  constructor(readonly filingUnits: readonly string[]) {
    super();
  }
}

export interface CityReportStatus {
  cityId: string;
  name: string;
  opened: boolean;
  steps: { step: ReportStep; dueAt: string | null; done: boolean }[];
  review: { decision: string; comment: string; reviewedAt: string } | null;
  submittedAt: string | null;
}

/** Where each city of a province stands with its report: what the provincial Bureau receives. */
export class ProvinceReportsQuery extends Query<CityReportStatus[]> {
  constructor(readonly provinceId: string) {
    super();
  }
}

@QueryHandler(CityReportQuery)
export class CityReportHandler implements IQueryHandler<CityReportQuery, CityReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  execute({ cityId, at }: CityReportQuery): Promise<CityReport> {
    const { jurisdictions, hostCities } = this.context;
    return cityReport(readLog(this.store), at, { cityId, jurisdictions, hostCities });
  }
}

async function reportState(store: EventStore, cityId: string): Promise<ReportState> {
  const recorded = await store.readStream(reportStreamId(cityId));
  return foldStream<ReportEvent, ReportState>(
    { evolve: evolveReport, initialState: initialReportState },
    recorded,
  );
}

@QueryHandler(ReportStateQuery)
export class ReportStateHandler implements IQueryHandler<ReportStateQuery, ReportState> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ cityId }: ReportStateQuery): Promise<ReportState> {
    return reportState(this.store, cityId);
  }
}

@QueryHandler(SummariesOnFileQuery)
export class SummariesOnFileHandler implements IQueryHandler<SummariesOnFileQuery, Record<string, string>> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute({ filingUnits }: SummariesOnFileQuery): Promise<Record<string, string>> {
    const decider = unitDecider(this.context.jurisdictions);
    const summaries: Record<string, string> = {};
    for (const unitId of filingUnits) {
      const state = foldStream(decider, await this.store.readStream(unitStreamId(unitId)));
      if (state.workSummary) summaries[unitId] = state.workSummary.filedAt;
    }
    return summaries;
  }
}

@QueryHandler(ProvinceReportsQuery)
export class ProvinceReportsHandler implements IQueryHandler<ProvinceReportsQuery, CityReportStatus[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute({ provinceId }: ProvinceReportsQuery): Promise<CityReportStatus[]> {
    const cities = this.context.jurisdictions.children(provinceId).filter((unit) => unit.kind === 'city');
    const statuses: CityReportStatus[] = [];
    for (const city of cities) {
      const state = await reportState(this.store, city.id);
      statuses.push({
        cityId: city.id,
        name: city.name,
        opened: state.opened,
        steps: REPORT_STEPS.map((step) => ({
          step,
          dueAt: state.deadlines[step] ?? null,
          done: reportStepDone(state, step),
        })),
        review: state.review
          ? {
              decision: state.review.decision,
              comment: state.review.comment,
              reviewedAt: state.review.reviewedAt,
            }
          : null,
        submittedAt: state.submitted?.submittedAt ?? null,
      });
    }
    return statuses;
  }
}

export const REPORT_QUERY_HANDLERS = [
  CityReportHandler,
  ReportStateHandler,
  SummariesOnFileHandler,
  ProvinceReportsHandler,
];
