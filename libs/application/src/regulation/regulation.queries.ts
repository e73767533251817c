import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  evolve,
  initialState,
  OfficeNotFound,
  officeStreamId,
  evolveRegulation,
  initialRegulationState,
  regulationStreamId,
  type RegulationEvent,
  type RegulationState,
} from '@liaison/domain';
import { foldStream, type EventStore } from '@liaison/event-store';
import { EVENT_STORE } from '../tokens';

/** A retained office's regulation stream folded: its records and its dated duties. */
export class RegulationStateQuery extends Query<{ state: RegulationState; version: number }> {
  constructor(readonly officeId: string) {
    super();
  }
}

@QueryHandler(RegulationStateQuery)
export class RegulationStateHandler implements IQueryHandler<RegulationStateQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ officeId }: RegulationStateQuery): Promise<{ state: RegulationState; version: number }> {
    const recorded = await this.store.readStream(regulationStreamId(officeId));
    const state = foldStream<RegulationEvent, RegulationState>(
      { evolve: evolveRegulation, initialState: initialRegulationState },
      recorded,
    );
    return { state, version: recorded.length };
  }
}

/** An office as regulation needs it: its facts, whether it is retained, and when its retention was approved. */
export interface RegulatedOffice {
  officeId: string;
  name: string;
  sponsorUnitId: string;
  hostCityId: string;
  status: string;
  /** When the retention was finally approved; null unless retained. */
  retainedAt: string | null;
}

export class RegulatedOfficeQuery extends Query<RegulatedOffice> {
  constructor(readonly officeId: string) {
    super();
  }
}

@QueryHandler(RegulatedOfficeQuery)
export class RegulatedOfficeHandler implements IQueryHandler<RegulatedOfficeQuery, RegulatedOffice> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ officeId }: RegulatedOfficeQuery): Promise<RegulatedOffice> {
    const recorded = await this.store.readStream(officeStreamId(officeId));
    const state = foldStream({ evolve, initialState }, recorded);
    if (state.status === 'unregistered') throw new OfficeNotFound(officeId);
    const approved = recorded.filter((event) => event.type === 'RetentionApproved').at(-1);
    const { name, sponsorUnitId, hostCityId } = state.office;
    return {
      officeId,
      name,
      sponsorUnitId,
      hostCityId,
      status: state.status,
      retainedAt:
        state.status === 'retained' && approved
          ? (approved.metadata.occurredAt ?? approved.recordedAt.toISOString())
          : null,
    };
  }
}

export const REGULATION_QUERY_HANDLERS = [RegulationStateHandler, RegulatedOfficeHandler];
