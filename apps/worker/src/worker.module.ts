import { Module, type DynamicModule } from '@nestjs/common';
import { RuntimeModule, type AppConfig } from '../../../libs/runtime/src';

/** The background process: feeds the read models (and, with the deadline work, runs the queue processors). */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [RuntimeModule.forRoot(config, { runProjector: true })] };
  }
}
