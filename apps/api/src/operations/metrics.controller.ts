import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '@liaison/auth';
import type { FastifyReply } from 'fastify';
import { Public } from '@liaison/auth';
import { APP_CONFIG } from '@liaison/application';
import { metricsScrapeAllowed, ServiceMetrics, type AppConfig } from '@liaison/app';

/** Prometheus's scrape: open like /health unless METRICS_TOKEN asks for a bearer token. */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ServiceMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Prometheus metrics: commands by type and outcome, command latency, read-model lag, queue depths, readiness',
  })
  @ApiOkResponse({
    description: 'The Prometheus text exposition format (version 0.0.4)',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'METRICS_TOKEN is set and was not given' })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!metricsScrapeAllowed(this.config.metricsToken, authorization)) {
      throw new UnauthorizedException('/metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    void reply.header('content-type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
