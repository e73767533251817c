import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@liaison/auth';
import { AUDIT_QUERY_HANDLERS, REGULATION_QUERY_HANDLERS, REPORT_QUERY_HANDLERS } from '@liaison/application';
import { commandHandlers, loggerModule, queryHandlers, RuntimeModule } from '@liaison/app';
import { type AppConfig } from '@liaison/app';
import type { DestinationStream } from 'pino';
import { HealthController } from './health.controller';
import { AuditController } from './audit/audit.controller';
import { CampaignController, CampaignLauncher } from './campaign/campaign.controller';
import { ReportFollower } from './campaign/report-follow';
import { NoticesController } from './notices/notices.controller';
import { ApiMetrics } from './operations/api-metrics';
import { MetricsController } from './operations/metrics.controller';
import { QueueBoardSessionController } from './operations/queue-board.controller';
import { Readiness } from './operations/readiness';
import { requestLogging } from './operations/request-logging';
import { QueuesShutdown, queuesProvider } from './operations/queues';
import { OfficeAbolitionController } from './offices/office-abolition.controller';
import { OfficesController } from './offices/offices.controller';
import { RedisShutdown, redisProvider } from './redis.provider';
import { ReferenceController } from './reference.controller';
import { ReportController } from './report/report.controller';
import { RegulationController } from './regulation/regulation.controller';
import { TaskHoldingsController } from './tasks/holdings.controller';
import { TaskStreamController, TaskStreams } from './tasks/task-stream.controller';
import { TasksController } from './tasks/tasks.controller';
import { GroupsController } from './units/groups.controller';
import { UnitsController } from './units/units.controller';
import { UsersController } from './users/users.controller';
import { WhatIfController } from './what-if/what-if.controller';

@Module({})
export class AppModule {
  /** `logDestination`: where the log lines go instead of stdout (tests read them). */
  static forRoot(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule(config, 'api', requestLogging(), logDestination),
        CqrsModule.forRoot(),
        RuntimeModule.forRoot(config, {
          runProjector: config.projections === 'inline',
          followTaskChanges: true,
        }),
        AuthModule.forRoot(config, { signInLimits: config.signInLimits }),
      ],
      controllers: [
        OfficesController,
        OfficeAbolitionController,
        TaskHoldingsController,
        TasksController,
        TaskStreamController,
        NoticesController,
        CampaignController,
        AuditController,
        ReportController,
        RegulationController,
        WhatIfController,
        UsersController,
        QueueBoardSessionController,
        ReferenceController,
        UnitsController,
        GroupsController,
        HealthController,
        MetricsController,
      ],
      providers: [
        ...commandHandlers(),
        ...queryHandlers(),
        // The audit read side: timelines, the past as of an instant, the event query and export, verification.
        ...AUDIT_QUERY_HANDLERS,
        // The city's report (七(三)): folded from the log as of any instant, and the report stream's facts.
        ...REPORT_QUERY_HANDLERS,
        // A retained office under regulation (四, 五, 六): its stream folded, and its office as regulation reads it.
        ...REGULATION_QUERY_HANDLERS,
        redisProvider,
        RedisShutdown,
        CampaignLauncher,
        ReportFollower,
        queuesProvider,
        QueuesShutdown,
        Readiness,
        ApiMetrics,
        TaskStreams,
      ],
    };
  }
}
