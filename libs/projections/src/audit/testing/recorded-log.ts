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

  /** The due date recorded for the task the office's last event opened. */
  taskDue(officeId: string, tier: string, dueAt: string, at: string): RecordedEvent {
    const streamId = officeStreamId(officeId);
    // Named as the office's own events name it: the id in their data, the revision of the opening event.
    const opened = this.stream(streamId).at(-1)!;
    const taskId = `${(opened.data as { officeId: string }).officeId}/${opened.revision}`;
    const basis = { rule: 'task-sla', tier, from: at, allowed: { workingDays: 5 }, calendar: 'official' };
    const data = {
      officeId,
      deadlineId: `task.${taskId.replace('/', '.')}`,
      kind: 'task',
      taskId,
      tier,
      dueAt,
      basis,
    };
    return this.office(officeId, { type: 'DeadlineSet', data }, at);
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
