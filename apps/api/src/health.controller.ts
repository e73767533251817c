import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AuthService, Public } from '@liaison/auth';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '@liaison/application';
import { readLateness } from '@liaison/app';
import { type AppConfig } from '@liaison/app';
import { queueCounts, QUEUES, type Queues } from './operations/queues';
import { Readiness, within, type ReadinessReport } from './operations/readiness';
import { REDIS } from './redis.provider';
import { HealthDto, LivenessDto, ReadinessDto } from './health.responses';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** Up or down per dependency, and nothing else: what an anonymous caller may learn of the service. */
function terse(report: ReadinessReport) {
  return {
    status: report.status,
    eventStore: { status: report.eventStore.status },
    readModels: { status: report.readModels.status },
    redis: { status: report.redis.status },
  };
}

/**
 * Probes for a load balancer or an orchestrator, and the operators' overview. Public, but only an administrator's
 * token shows the detail (positions, lag, errors, queue depths): to anyone else each dependency is up or down.
 */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    private readonly auth: AuthService,
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
      'Readiness: event store, read store and Redis answer, read models within READINESS_MAX_LAG_MS (503 if not); ' +
      'each dependency up or down, with the detail for an administrator’s token',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'Not ready: see which part is down' })
  async ready(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const [report, admin] = await Promise.all([this.readiness.check(), this.isAdmin(authorization)]);
    if (report.status === 'down') void reply.status(503);
    return admin ? report : terse(report);
  }

  @Get()
  @ApiOperation({
    summary:
      'Readiness as /health/ready; for an administrator’s token also the queue depths and how late recent ' +
      'deadline jobs ran',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    description: 'Not ready: a store or Redis does not answer, or the read models lag too far',
  })
  async health(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const admin = await this.isAdmin(authorization);
    const [report, queues, deadlineLateness] = await Promise.all([
      this.readiness.check(),
      admin ? queueCounts(this.queues) : undefined,
      admin
        ? within(readLateness(this.redis, this.config.queuePrefix), 'Redis').catch(() => null)
        : undefined,
    ]);
    if (report.status === 'down') void reply.status(503);
    return admin ? { ...report, queues, deadlineLateness } : terse(report);
  }

  /** An administrator's valid token; anything else (none, expired, another role) reads as anonymous, never a 401. */
  private async isAdmin(authorization: string | undefined): Promise<boolean> {
    const token = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
    if (!token) return false;
    const signedIn = await this.auth.authenticate(token).catch(() => undefined);
    return signedIn !== undefined && !signedIn.passwordMustChange && signedIn.user.role === 'admin';
  }
}
