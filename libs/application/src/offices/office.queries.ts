import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { evolve, initialState, OfficeNotFound, officeStreamId, type OfficeContext } from '@liaison/domain';
import { foldStream, type EventStore } from '@liaison/event-store';
import { EVENT_STORE, OFFICE_CONTEXT } from '../tokens';
import {
  foldOffice,
  historyEntry,
  officeDetail,
  pageByPosition,
  type HistoryEntry,
  type OfficeDetail,
  type PositionPage,
  type PositionPageResult,
} from '@liaison/projections';

/** The envelope an office's history and its timeline share: whose office, its version, a page of its events. */
export type OfficeEventsPage<T> = {
  officeId: string;
  sponsorUnitId: string;
  version: number;
} & PositionPageResult<T>;

export type OfficeHistory = OfficeEventsPage<HistoryEntry>;

/** An office as it stands: folded from its stream, so always current whatever the read models' lag. */
export class GetOfficeQuery extends Query<OfficeDetail> {
  constructor(readonly officeId: string) {
    super();
  }
}

/** Every event of an office with time, actor, role, tier and comment. */
export class GetOfficeHistoryQuery extends Query<OfficeHistory> {
  constructor(
    readonly officeId: string,
    readonly page: PositionPage = {},
  ) {
    super();
  }
}

@QueryHandler(GetOfficeQuery)
export class GetOfficeHandler implements IQueryHandler<GetOfficeQuery, OfficeDetail> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute({ officeId }: GetOfficeQuery): Promise<OfficeDetail> {
    const recorded = await this.store.readStream(officeStreamId(officeId));
    if (recorded.length === 0) throw new OfficeNotFound(officeId);
    const { state, tasks } = foldOffice(recorded);
    return officeDetail(state, recorded.length, this.context, tasks);
  }
}

@QueryHandler(GetOfficeHistoryQuery)
export class GetOfficeHistoryHandler implements IQueryHandler<GetOfficeHistoryQuery, OfficeHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ officeId, page }: GetOfficeHistoryQuery): Promise<OfficeHistory> {
    const recorded = await this.store.readStream(officeStreamId(officeId));
    const state = foldStream({ evolve, initialState }, recorded);
    if (state.status === 'unregistered') throw new OfficeNotFound(officeId);
    return {
      officeId,
      sponsorUnitId: state.office.sponsorUnitId,
      version: recorded.length,
      ...pageByPosition(recorded.map(historyEntry), page),
    };
  }
}
