import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { comparePositions, type EventStore } from '@liaison/event-store';
import { readCheckpoint, readModelsRebuilding, type ReadStore } from '@liaison/projections';
import { EVENT_STORE, READ_STORE } from '../tokens';

/** Events counted behind the checkpoint at most: enough to tell "a few" from "many", cheap to read per probe. */
export const LAG_COUNT_LIMIT = 1000;

export interface ProjectionLag {
  /** Events in the log that the read models do not show yet, counted up to LAG_COUNT_LIMIT. */
  eventsBehind: number;
  /** The count stopped at LAG_COUNT_LIMIT: there are at least that many. */
  atLeast: boolean;
  /** How long ago the oldest event the read models do not show yet was recorded (0 when caught up). */
  seconds: number;
  /** A rebuild (`npm run rebuild`) is refilling the read models from the log. */
  rebuilding: boolean;
}

/** How far the read models trail the event log, in events and in time. Throws when a store does not answer. */
export class ProjectionLagQuery extends Query<ProjectionLag> {
  constructor(readonly now: Date = new Date()) {
    super();
  }
}

@QueryHandler(ProjectionLagQuery)
export class ProjectionLagHandler implements IQueryHandler<ProjectionLagQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async execute({ now }: ProjectionLagQuery): Promise<ProjectionLag> {
    const [head, checkpoint, rebuilding] = await Promise.all([
      this.store.headPosition(),
      readCheckpoint(this.readStore),
      readModelsRebuilding(this.readStore),
    ]);
    const caughtUp = !head || (checkpoint !== undefined && comparePositions(checkpoint, head) >= 0);
    if (caughtUp)
      return { eventsBehind: 0, atLeast: false, seconds: 0, rebuilding: rebuilding !== undefined };
    const behind = await this.store.readAll({
      ...(checkpoint ? { after: checkpoint } : {}),
      maxCount: LAG_COUNT_LIMIT,
    });
    const oldest = behind[0]?.recordedAt;
    return {
      eventsBehind: behind.length,
      atLeast: behind.length >= LAG_COUNT_LIMIT,
      seconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
      rebuilding: rebuilding !== undefined,
    };
  }
}
