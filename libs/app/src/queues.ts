import type { ConnectionOptions } from 'bullmq';

/** The queues: deadline jobs (the worker's scheduler) and webhook deliveries; the API reads their depths. */
export const DEADLINE_QUEUE = 'deadlines';
export const WEBHOOK_QUEUE = 'webhooks';

/**
 * ioredis settings BullMQ's production guide asks for: a worker's connection must wait for Redis however long
 * it is away (`maxRetriesPerRequest: null`); a producer that only adds should fail fast instead
 * (`enableOfflineQueue: false`).
 */
export function bullConnection(redisUrl: string, role: 'worker' | 'producer'): ConnectionOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    ...(role === 'worker' ? { maxRetriesPerRequest: null } : { enableOfflineQueue: false }),
  };
}
