import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { OfficeContext } from '@liaison/domain';
import { verifyLog, type EventStore, type VerifyReport } from '@liaison/event-store';
import {
  campaignAsOf,
  exportFile,
  exportLines,
  firstPage,
  matchingEvents,
  readLog,
  type AuditScope,
  type CampaignAsOf,
  type EventFilter,
  type ExportFormat,
  type ExportRecord,
  type ReadStore,
} from '@liaison/projections';
import { EVENT_STORE, OFFICE_CONTEXT, READ_STORE } from '../tokens';

/** The campaign at an instant (ISO-8601), counted within the caller's scope. */
export class CampaignAsOfQuery extends Query<CampaignAsOf> {
  constructor(
    readonly at: string,
    readonly scope: AuditScope,
  ) {
    super();
  }
}

/** Events matching a filter already narrowed to the caller's scope, after a position cursor. */
export class EventsQuery extends Query<{ items: ExportRecord[]; nextCursor: string | null }> {
  constructor(
    readonly filter: EventFilter,
    readonly limit: number,
    readonly after?: string,
  ) {
    super();
  }
}

export interface EventExport {
  fileName: string;
  contentType: string;
  /** Produced as they are read: the log is read page by page while the caller writes the lines out. */
  lines: AsyncIterable<string>;
}

export class ExportEventsQuery extends Query<EventExport> {
  constructor(
    readonly filter: EventFilter,
    readonly format: ExportFormat,
    readonly after?: string,
  ) {
    super();
  }
}

export class VerifyLogQuery extends Query<VerifyReport> {}

@QueryHandler(CampaignAsOfQuery)
export class CampaignAsOfHandler implements IQueryHandler<CampaignAsOfQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  execute({ at, scope }: CampaignAsOfQuery): Promise<CampaignAsOf> {
    return campaignAsOf(readLog(this.store), at, { scope, jurisdictions: this.context.jurisdictions });
  }
}

@QueryHandler(EventsQuery)
export class EventsHandler implements IQueryHandler<EventsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  execute({ filter, limit, after }: EventsQuery) {
    const events = matchingEvents(this.store, this.readStore, this.context.jurisdictions, filter, after);
    return firstPage(events, limit);
  }
}

@QueryHandler(ExportEventsQuery)
export class ExportEventsHandler implements IQueryHandler<ExportEventsQuery, EventExport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute({ filter, format, after }: ExportEventsQuery): Promise<EventExport> {
    const events = matchingEvents(this.store, this.readStore, this.context.jurisdictions, filter, after);
    return { ...exportFile(format, filter.unitId), lines: exportLines(events, format) };
  }
}

/** Walks every stream's hash chain and every anchor; the report names the first broken link. */
@QueryHandler(VerifyLogQuery)
export class VerifyLogHandler implements IQueryHandler<VerifyLogQuery, VerifyReport> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(): Promise<VerifyReport> {
    const { heads: _heads, lastPosition: _last, ...report } = await verifyLog(this.store);
    return report;
  }
}
