import type { Redis } from 'ioredis';

/** How many recent deadline jobs' lateness is kept for the health endpoint. */
const KEEP = 1000;

function latenessKey(prefix: string): string {
  return `${prefix}:deadline-lateness`;
}

/**
 * How late deadline jobs started against the time they were scheduled for, kept in Redis beside the queue. Sent in
 * batches a few times a second, so measuring costs the jobs no round trip of their own.
 */
export class LatenessRecorder {
  private pending: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    flushEveryMs = 250,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), flushEveryMs);
    this.timer.unref();
  }

  record(lateMs: number): void {
    this.pending.push(Math.max(0, Math.round(lateMs)));
    if (this.pending.length > KEEP) this.pending = this.pending.slice(-KEEP);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const values = this.pending;
    this.pending = [];
    await this.redis
      .multi()
      .lpush(latenessKey(this.prefix), ...values)
      .ltrim(latenessKey(this.prefix), 0, KEEP - 1)
      .exec();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }
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
