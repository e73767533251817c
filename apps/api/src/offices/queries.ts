import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OfficeNotFound, type OfficeContext } from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { listOffices, type OfficeListFilter, type ReadStore } from '@liaison/projections';
import { evolve, initialState, officeStreamId } from '@liaison/domain';
import { EVENT_STORE, OFFICE_CONTEXT, READ_STORE } from '@liaison/application';
import { foldStream } from '@liaison/event-store';
import { historyEntry, officeDetail } from './office-views';

type Detail = ReturnType<typeof officeDetail>;
type HistoryEntry = ReturnType<typeof historyEntry>;

export class GetOfficeQuery extends Query<Detail> {
  constructor(readonly officeId: string) {
    super();
  }
}

export class GetOfficeHistoryQuery extends Query<{
  officeId: string;
  sponsorUnitId: string;
  version: number;
  events: HistoryEntry[];
}> {
  constructor(readonly officeId: string) {
    super();
  }
}

export class ListOfficesQuery extends Query<Awaited<ReturnType<typeof listOfficeViews>>> {
  constructor(
    readonly filter: OfficeListFilter,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}

/** The detail is folded from the stream itself: always current, whatever the read models' lag. */
@QueryHandler(GetOfficeQuery)
export class GetOfficeHandler implements IQueryHandler<GetOfficeQuery, Detail> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute({ officeId }: GetOfficeQuery): Promise<Detail> {
    const recorded = await this.store.readStream(officeStreamId(officeId));
    if (recorded.length === 0) throw new OfficeNotFound(officeId);
    return officeDetail(foldStream({ evolve, initialState }, recorded), recorded.length, this.context);
  }
}

@QueryHandler(GetOfficeHistoryQuery)
export class GetOfficeHistoryHandler implements IQueryHandler<GetOfficeHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ officeId }: GetOfficeHistoryQuery) {
    const recorded = await this.store.readStream(officeStreamId(officeId));
    const state = foldStream({ evolve, initialState }, recorded);
    if (state.status === 'unregistered') throw new OfficeNotFound(officeId);
    return {
      officeId,
      sponsorUnitId: state.office.sponsorUnitId,
      version: recorded.length,
      events: recorded.map(historyEntry),
    };
  }
}

@QueryHandler(ListOfficesQuery)
export class ListOfficesHandler implements IQueryHandler<ListOfficesQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  execute({ filter, page, pageSize }: ListOfficesQuery) {
    return listOfficeViews(this.readStore, filter, page, pageSize);
  }
}

async function listOfficeViews(
  readStore: ReadStore,
  filter: OfficeListFilter,
  page: number,
  pageSize: number,
) {
  const result = await listOffices(readStore, filter, page, pageSize);
  return {
    ...result,
    items: result.items.map((row) => ({
      officeId: row.office_id,
      name: row.name,
      sponsorUnitId: row.sponsor_unit_id,
      sponsorKind: row.sponsor_kind,
      hostCityId: row.host_city_id,
      pairedAssistance: row.paired_assistance === 1,
      ruleId: row.rule_id,
      requiredOutcome: row.required_outcome,
      status: row.status,
      pendingTier: row.pending_tier,
      progress: {
        assetsDisposed: row.assets_disposed,
        assetsTotal: row.assets_total,
        staffPlaced: row.staff_placed,
        staffTotal: row.staff_total,
      },
      version: row.version,
      registeredAt: row.registered_at,
      updatedAt: row.updated_at,
    })),
  };
}
