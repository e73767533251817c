import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { officeStreamId, unitStreamId, type OfficeContext } from '@liaison/domain';
import type { EventStore, RecordedEvent } from '@liaison/event-store';
import {
  officeAsOfView,
  officeIdsWithin,
  officeTimeline,
  pageByPosition,
  registeredSponsor,
  unitTimeline,
  type OfficeTimelineEntry,
  type PositionPage,
  type PositionPageResult,
  type ReadStore,
  type UnitTimelineEntry,
} from '@liaison/projections';
import type { OfficeEventsPage } from '../offices/office.queries';
import { EVENT_STORE, OFFICE_CONTEXT, READ_STORE } from '../tokens';

/**
 * The caller's own check that they may read the audit trail of an office of this sponsor (throws if not). The
 * sponsor is known only once the office's stream is read, so the query carries the check and the handler runs it
 * before folding anything.
 */
export type SponsorCheck = (sponsorUnitId: string) => void;

export class OfficeTimelineQuery extends Query<OfficeEventsPage<OfficeTimelineEntry>> {
  constructor(
    readonly officeId: string,
    readonly page: PositionPage,
    readonly mayRead: SponsorCheck,
  ) {
    super();
  }
}

export class OfficeAsOfQuery extends Query<ReturnType<typeof officeAsOfView>> {
  constructor(
    readonly officeId: string,
    /** ISO-8601 instant. */
    readonly at: string,
    readonly mayRead: SponsorCheck,
  ) {
    super();
  }
}

/** A unit's timeline; the caller has checked that they may read the unit's audit trail. */
export class UnitTimelineQuery extends Query<PositionPageResult<UnitTimelineEntry>> {
  constructor(
    readonly unitId: string,
    readonly page: PositionPage,
  ) {
    super();
  }
}

async function readAuditedOffice(
  store: EventStore,
  officeId: string,
  mayRead: SponsorCheck,
): Promise<RecordedEvent[]> {
  const recorded = await store.readStream(officeStreamId(officeId));
  const sponsorUnitId = registeredSponsor(recorded);
  if (!sponsorUnitId) throw new NotFoundException(`there is no office ${officeId}`);
  mayRead(sponsorUnitId);
  return recorded;
}

@QueryHandler(OfficeTimelineQuery)
export class OfficeTimelineHandler implements IQueryHandler<OfficeTimelineQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ officeId, page, mayRead }: OfficeTimelineQuery) {
    const recorded = await readAuditedOffice(this.store, officeId, mayRead);
    return {
      officeId,
      sponsorUnitId: registeredSponsor(recorded)!,
      version: recorded.length,
      ...pageByPosition(officeTimeline(recorded), page),
    };
  }
}

@QueryHandler(OfficeAsOfQuery)
export class OfficeAsOfHandler implements IQueryHandler<OfficeAsOfQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute({ officeId, at, mayRead }: OfficeAsOfQuery) {
    const recorded = await readAuditedOffice(this.store, officeId, mayRead);
    return officeAsOfView(officeId, recorded, at, this.context);
  }
}

/** The unit's offices come from the office list; their events and the units' filings from the streams. */
@QueryHandler(UnitTimelineQuery)
export class UnitTimelineHandler implements IQueryHandler<UnitTimelineQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute({ unitId, page }: UnitTimelineQuery) {
    const offices = [];
    for (const officeId of await officeIdsWithin(this.readStore, unitId)) {
      offices.push({ officeId, events: await this.store.readStream(officeStreamId(officeId)) });
    }
    const { jurisdictions } = this.context;
    const units = [];
    for (const unit of jurisdictions.all()) {
      if (!jurisdictions.isWithin(unit.id, unitId)) continue;
      units.push({ unitId: unit.id, events: await this.store.readStream(unitStreamId(unit.id)) });
    }
    return pageByPosition(unitTimeline(offices, units), page);
  }
}
