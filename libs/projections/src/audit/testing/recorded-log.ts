/**
 * A log built by hand for the audit specs: events as the store would hand them back, with positions in append
 * order and revisions per stream. Not a spec itself.
 */
import { CAMPAIGN_STREAM, officeStreamId, unitStreamId } from '@liaison/domain';
import type { EventMetadata, RecordedEvent } from '@liaison/event-store';

export interface Fact {
  type: string;
  data: unknown;
}

export class RecordedLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, bigint>();

  /** Appends a fact that happened at `at` (ISO-8601), by a clerk unless `metadata` says otherwise. */
  append(streamId: string, fact: Fact, at: string, metadata: Partial<EventMetadata> = {}): RecordedEvent {
    const revision = this.revisions.get(streamId) ?? 0n;
    this.revisions.set(streamId, revision + 1n);
    const n = BigInt(this.events.length + 1);
    const event: RecordedEvent = {
      id: `event-${n}`,
      type: fact.type,
      streamId,
      revision,
      position: { commit: n, prepare: n },
      data: fact.data,
      metadata: {
        actor: 'clerk.xichuan',
        role: 'clerk',
        correlationId: `correlation-${n}`,
        causationId: `causation-${n}`,
        occurredAt: at,
        ...metadata,
      },
      recordedAt: new Date(at),
    };
    this.events.push(event);
    return event;
  }

  office(officeId: string, fact: Fact, at: string, metadata?: Partial<EventMetadata>): RecordedEvent {
    return this.append(officeStreamId(officeId), fact, at, metadata);
  }

  unit(unitId: string, type: 'WorkPlanFiled' | 'WorkSummaryFiled', at: string): RecordedEvent {
    return this.append(unitStreamId(unitId), { type, data: { unitId, filedAt: at } }, at);
  }

  campaign(fact: Fact, at: string): RecordedEvent {
    return this.append(CAMPAIGN_STREAM, fact, at, { actor: 'admin', role: 'admin' });
  }

  /** The events of one stream, in order. */
  stream(streamId: string): RecordedEvent[] {
    return this.events.filter((event) => event.streamId === streamId);
  }
}
