import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@liaison/auth';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { comparePositions, formatPosition, parsePosition, type EventStore } from '@liaison/event-store';
import { readCheckpoint, readModelsRebuilding, type ReadStore } from '@liaison/projections';
import { APP_CONFIG, EVENT_STORE, READ_STORE } from '@liaison/application';
import { readLateness } from '@liaison/app';
import { type AppConfig } from '@liaison/app';
import { QUEUES, type Queues } from './operations/queues';
import { REDIS } from './redis.provider';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUES) private readonly queues: Queues,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Liveness and dependencies: event store, read models (lag), Redis, queue depths, deadline lateness',
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [eventStore, readModels, redis, queues, deadlineLateness] = await Promise.all([
      this.store.headPosition().then(
        (head) => ({
          status: 'up' as const,
          kind: this.config.eventStore.kind,
          head: head ? formatPosition(head) : null,
        }),
        (error: unknown) => ({
          status: 'down' as const,
          kind: this.config.eventStore.kind,
          error: String(error),
        }),
      ),
      Promise.all([readCheckpoint(this.readStore), readModelsRebuilding(this.readStore)]).then(
        ([checkpoint, rebuilding]) => ({
          status: 'up' as const,
          kind: this.readStore.kind,
          checkpoint: checkpoint ? formatPosition(checkpoint) : null,
          // While `npm run rebuild` runs, lists and inboxes are being refilled from the log.
          rebuilding: rebuilding ?? null,
        }),
        (error: unknown) => ({ status: 'down' as const, kind: this.readStore.kind, error: String(error) }),
      ),
      this.redis.ping().then(
        () => ({ status: 'up' as const }),
        (error: unknown) => ({ status: 'down' as const, error: String(error) }),
      ),
      Promise.all(
        this.queues.map(async (queue) => [
          queue.name,
          await queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed').catch(() => null),
        ]),
      ).then((entries) => Object.fromEntries(entries)),
      readLateness(this.redis, this.config.queuePrefix).catch(() => null),
    ]);
    const head = eventStore.status === 'up' ? eventStore.head : null;
    const checkpoint = readModels.status === 'up' ? readModels.checkpoint : null;
    const upToDate =
      head === null ||
      (checkpoint !== null && comparePositions(parsePosition(checkpoint), parsePosition(head)) >= 0);
    // Redis carries only derived scheduling state; without it the service still records and serves everything.
    const status = eventStore.status === 'up' && readModels.status === 'up' ? 'up' : 'down';
    if (status === 'down') void reply.status(503);
    return { status, eventStore, readModels: { ...readModels, upToDate }, redis, queues, deadlineLateness };
  }
}
