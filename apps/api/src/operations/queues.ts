import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG } from '@liaison/application';
import { bullConnection, DEADLINE_QUEUE, WEBHOOK_QUEUE } from '@liaison/app';
import { type AppConfig } from '@liaison/app';
import { reportOutages } from '../redis.provider';

/** The worker's queues as the API sees them: for their figures on /health and the queue board. */
export const QUEUES = Symbol('QUEUES');

export type Queues = Queue[];

export const queuesProvider: Provider = {
  provide: QUEUES,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Queues =>
    [DEADLINE_QUEUE, WEBHOOK_QUEUE].map((name) =>
      reportOutages(
        new Queue(name, {
          connection: bullConnection(config.redisUrl, 'producer'),
          prefix: config.queuePrefix,
        }),
        `the ${name} queue`,
      ),
    ),
};

@Injectable()
export class QueuesShutdown implements OnApplicationShutdown {
  constructor(@Inject(QUEUES) private readonly queues: Queues) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.queues.map((queue) => queue.close()));
  }
}

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

export type QueueCounts = Record<(typeof QUEUE_STATES)[number], number>;

/** Each queue's jobs by state; null for a queue whose counts Redis did not give within `timeoutMs`. */
export async function queueCounts(
  queues: Queues,
  timeoutMs = 2000,
): Promise<Record<string, QueueCounts | null>> {
  const entries = await Promise.all(
    queues.map(async (queue) => {
      let timer: NodeJS.Timeout | undefined;
      // BullMQ waits for a connection that is down rather than failing: the probe must answer all the same.
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
      const counts = queue.getJobCounts(...QUEUE_STATES).then(
        (counts) =>
          Object.fromEntries(QUEUE_STATES.map((state) => [state, counts[state] ?? 0])) as QueueCounts,
        () => null,
      );
      const result = await Promise.race([counts, timeout]).finally(() => clearTimeout(timer));
      return [queue.name, result] as const;
    }),
  );
  return Object.fromEntries(entries);
}
