import { Controller, Get, Inject, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@liaison/auth';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { APP_CONFIG, StoresHealthQuery } from '@liaison/application';
import { readLateness } from '@liaison/app';
import { type AppConfig } from '@liaison/app';
import { QUEUES, type Queues } from './operations/queues';
import { REDIS } from './redis.provider';
import { HealthDto } from './health.responses';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUES) private readonly queues: Queues,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Liveness and dependencies: event store, read models (lag), Redis, queue depths, deadline lateness',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    description: 'The event store or the read models are down',
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [stores, redis, queues, deadlineLateness] = await Promise.all([
      this.queries.execute(new StoresHealthQuery()),
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
    const { readModels } = stores;
    const eventStore = { ...stores.eventStore, kind: this.config.eventStore.kind };
    // Redis carries only derived scheduling state; without it the service still records and serves everything.
    const status = eventStore.status === 'up' && readModels.status === 'up' ? 'up' : 'down';
    if (status === 'down') void reply.status(503);
    return { status, eventStore, readModels, redis, queues, deadlineLateness };
  }
}
