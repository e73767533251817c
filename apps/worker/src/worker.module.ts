import { Module, type DynamicModule } from '@nestjs/common';
import { RuntimeModule, type AppConfig } from '../../../libs/runtime/src';
import { DeadlinesModule } from './deadlines/deadlines.module';

/**
 * The background process: sends reminders and escalations from the deadline queue, and feeds the read models when
 * the API leaves that to it (PROJECTIONS=external).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        RuntimeModule.forRoot(config, { runProjector: config.projections === 'external' }),
        DeadlinesModule.forRoot(config),
      ],
    };
  }
}
