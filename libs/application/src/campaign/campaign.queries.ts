import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  CAMPAIGN_STREAM,
  campaignDecider,
  unitDecider,
  unitStreamId,
  type CampaignLaunched,
  type OfficeContext,
  type Phase,
  type UnitState,
} from '@liaison/domain';
import { foldStream, type EventStore } from '@liaison/event-store';
import { unitFilingDates, type ReadStore } from '@liaison/projections';
import { EVENT_STORE, OFFICE_CONTEXT, READ_STORE } from '../tokens';

export interface CampaignView {
  campaignId: string;
  name: string;
  leadUnitId: string;
  deadlines: Record<Phase, string>;
  units: {
    unitId: string;
    name: string;
    workPlanFiledAt: string | null;
    workSummaryFiledAt: string | null;
  }[];
}

/** The campaign: phases and deadlines as they stand, each filing unit and when it filed; undefined before launch. */
export class GetCampaignQuery extends Query<CampaignView | undefined> {}

export interface UnitFilings {
  unitId: string;
  workPlan: NonNullable<UnitState['workPlan']> | null;
  workSummary: NonNullable<UnitState['workSummary']> | null;
}

/** A unit's work plan and work summary as filed, from its stream. */
export class GetUnitFilingsQuery extends Query<UnitFilings> {
  constructor(readonly unitId: string) {
    super();
  }
}

@QueryHandler(GetCampaignQuery)
export class GetCampaignHandler implements IQueryHandler<GetCampaignQuery, CampaignView | undefined> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute(): Promise<CampaignView | undefined> {
    const recorded = await this.store.readStream(CAMPAIGN_STREAM);
    if (recorded.length === 0) return undefined;
    const launched = recorded[0]!.data as CampaignLaunched['data'];
    const state = foldStream(campaignDecider(this.context.jurisdictions), recorded);
    const filings = await unitFilingDates(this.readStore);
    return {
      campaignId: launched.campaignId,
      name: launched.name,
      leadUnitId: launched.leadUnitId,
      deadlines: state.launched ? state.deadlines : launched.deadlines,
      units: launched.filingUnits.map((unitId) => ({
        unitId,
        name: this.context.jurisdictions.find(unitId)?.name ?? unitId,
        workPlanFiledAt: filings.get(unitId)?.work_plan_filed_at ?? null,
        workSummaryFiledAt: filings.get(unitId)?.work_summary_filed_at ?? null,
      })),
    };
  }
}

@QueryHandler(GetUnitFilingsQuery)
export class GetUnitFilingsHandler implements IQueryHandler<GetUnitFilingsQuery, UnitFilings> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute({ unitId }: GetUnitFilingsQuery): Promise<UnitFilings> {
    const recorded = await this.store.readStream(unitStreamId(unitId));
    const state = foldStream(unitDecider(this.context.jurisdictions), recorded);
    return { unitId, workPlan: state.workPlan ?? null, workSummary: state.workSummary ?? null };
  }
}
