import type { Redis } from 'ioredis';

/** How many recent deadline jobs' lateness is kept for the health endpoint. */
const KEEP = 1000;

function latenessKey(prefix: string): string {
  return `${prefix}:deadline-lateness`;
}

/** How late a deadline job started against the time it was scheduled for, kept in Redis beside the queue. */
export async function recordLateness(redis: Redis, prefix: string, lateMs: number): Promise<void> {
  await redis
    .multi()
    .lpush(latenessKey(prefix), Math.max(0, Math.round(lateMs)))
    .ltrim(latenessKey(prefix), 0, KEEP - 1)
    .exec();
}

export interface LatenessFigures {
  /** Recent deadline jobs measured (at most 1,000). */
  samples: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export async function readLateness(redis: Redis, prefix: string): Promise<LatenessFigures> {
  const values = (await redis.lrange(latenessKey(prefix), 0, KEEP - 1)).map(Number).sort((a, b) => a - b);
  const at = (p: number) =>
    values.length === 0 ? null : values[Math.min(values.length, Math.ceil((p / 100) * values.length)) - 1]!;
  return {
    samples: values.length,
    p50Ms: at(50),
    p99Ms: at(99),
    maxMs: values.length === 0 ? null : values[values.length - 1]!,
  };
}
