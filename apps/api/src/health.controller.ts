import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@liaison/auth';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '@liaison/application';
import { readLateness } from '@liaison/app';
import { type AppConfig } from '@liaison/app';
import { queueCounts, QUEUES, type Queues } from './operations/queues';
import { Readiness } from './operations/readiness';
import { REDIS } from './redis.provider';
import { HealthDto, LivenessDto, ReadinessDto } from './health.responses';

/** Probes for a load balancer or an orchestrator, and the operators' overview. */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUES) private readonly queues: Queues,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency is asked); restart it if not' })
  @ApiOkResponse({ type: LivenessDto })
  live() {
    return { status: 'up', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: event store, read store and Redis answer, read models within READINESS_MAX_LAG_MS (503 if not)',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'Not ready: see which part is down' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.readiness.check();
    if (report.status === 'down') void reply.status(503);
    return report;
  }

  @Get()
  @ApiOperation({
    summary: 'Readiness as /health/ready, with the queue depths and how late recent deadline jobs ran',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    description: 'Not ready: a store or Redis does not answer, or the read models lag too far',
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [report, queues, deadlineLateness] = await Promise.all([
      this.readiness.check(),
      queueCounts(this.queues),
      readLateness(this.redis, this.config.queuePrefix).catch(() => null),
    ]);
    if (report.status === 'down') void reply.status(503);
    return { ...report, queues, deadlineLateness };
  }
}
