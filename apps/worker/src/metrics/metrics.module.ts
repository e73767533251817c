import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MetricsServer } from './metrics-server';
import { WorkerMetrics } from './worker-metrics';

/**
 * The worker's metrics, global so the queues' processors can count; and, for the worker process itself (not a
 * worker embedded in a test or a benchmark), the server that answers Prometheus on METRICS_PORT.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(serve: boolean): DynamicModule {
    return {
      module: MetricsModule,
      providers: [WorkerMetrics, ...(serve ? [MetricsServer] : [])],
      exports: [WorkerMetrics],
    };
  }
}
