import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { officeStreamId } from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { findTask, type ReadStore, type TaskRow } from '@liaison/projections';
import { ReadModelSync } from '../read-model-sync';
import { EVENT_STORE, READ_STORE } from '../tokens';

/** A task as the log has it now: the read models are brought up to its office's last event first. */
export class CurrentTaskQuery extends Query<TaskRow | undefined> {
  constructor(
    readonly taskId: string,
    readonly officeId: string,
  ) {
    super();
  }
}

@QueryHandler(CurrentTaskQuery)
export class CurrentTaskHandler implements IQueryHandler<CurrentTaskQuery, TaskRow | undefined> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly readModels: ReadModelSync,
  ) {}

  async execute({ taskId, officeId }: CurrentTaskQuery): Promise<TaskRow | undefined> {
    const events = await this.store.readStream(officeStreamId(officeId));
    const last = events[events.length - 1];
    // Lagging read models still answer: with the task as they have it.
    if (last) await this.readModels.waitFor(last.position).catch(() => undefined);
    return findTask(this.readStore, taskId);
  }
}
