import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG } from '@liaison/application';
import { bullConnection, DEADLINE_QUEUE, WEBHOOK_QUEUE } from '@liaison/app';
import { type AppConfig } from '@liaison/app';

/** The worker's queues as the API sees them: for their figures on /health and the queue board. */
export const QUEUES = Symbol('QUEUES');

export type Queues = Queue[];

export const queuesProvider: Provider = {
  provide: QUEUES,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Queues =>
    [DEADLINE_QUEUE, WEBHOOK_QUEUE].map(
      (name) =>
        new Queue(name, {
          connection: bullConnection(config.redisUrl, 'producer'),
          prefix: config.queuePrefix,
        }),
    ),
};

@Injectable()
export class QueuesShutdown implements OnApplicationShutdown {
  constructor(@Inject(QUEUES) private readonly queues: Queues) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.queues.map((queue) => queue.close()));
  }
}
