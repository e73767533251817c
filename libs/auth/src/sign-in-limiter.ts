import { HttpException, HttpStatus, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** How many failed sign-ins are allowed in a window, per account and per client address; 0 turns a limit off. */
export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccount: 10,
  perAddress: 100,
  windowSeconds: 15 * 60,
};

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, not ${text}`);
  }
  return value;
}

export function signInLimitsFrom(env: NodeJS.ProcessEnv): SignInLimits {
  return {
    perAccount: whole(env, 'SIGNIN_LIMIT_ACCOUNT', DEFAULT_SIGN_IN_LIMITS.perAccount, 0, 1_000_000),
    perAddress: whole(env, 'SIGNIN_LIMIT_ADDRESS', DEFAULT_SIGN_IN_LIMITS.perAddress, 0, 1_000_000),
    windowSeconds: whole(env, 'SIGNIN_LIMIT_WINDOW_SECONDS', DEFAULT_SIGN_IN_LIMITS.windowSeconds, 1, 86_400),
  };
}

/** 429 with the seconds to wait; the same for an account that exists and one that does not. */
export class TooManySignIns extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        message: `too many failed sign-ins; try again in ${retryAfterSeconds} seconds`,
        code: 'too-many-sign-ins',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Counts failed sign-ins per account (the username as typed, so an unknown one is counted like a real one) and
 * per client address, in Redis so that every API process shares the counts; while Redis cannot be reached each
 * process counts in memory instead of letting every attempt through. A success clears the account's count.
 */
export class SignInLimiter implements OnApplicationShutdown {
  private readonly byAccount?: RateLimiterAbstract;
  private readonly byAddress?: RateLimiterAbstract;

  /** A limiter over its own connection to `redisUrl` (closed with the application), or in memory without one. */
  static connect(limits: SignInLimits, redisUrl?: string, keyPrefix?: string): SignInLimiter {
    if (!redisUrl) return new SignInLimiter(limits);
    // Fail fast rather than queue while Redis is away or frozen: the count then goes to memory.
    const redis = new Redis(redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
    });
    const logger = new Logger('SignInLimiter');
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) logger.warn(`cannot reach Redis (${error.message}); counting failed sign-ins in memory`);
      down = true;
    });
    redis.on('ready', () => (down = false));
    return new SignInLimiter(limits, redis, keyPrefix);
  }

  constructor(
    readonly limits: SignInLimits,
    private readonly redis?: Redis,
    keyPrefix = 'liaison',
  ) {
    const make = (points: number, name: string) => {
      if (points === 0) return undefined;
      const options = { points, duration: limits.windowSeconds, keyPrefix: `${keyPrefix}:signin:${name}` };
      const memory = new RateLimiterMemory(options);
      if (!redis) return memory;
      // Rejecting at once when the connection is not ready hands the count to memory instead of waiting.
      return new RateLimiterRedis({
        ...options,
        storeClient: redis,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      });
    };
    this.byAccount = make(limits.perAccount, 'account');
    this.byAddress = make(limits.perAddress, 'address');
  }

  /** Throws TooManySignIns while either count is used up; nothing is counted here. */
  async check(username: string, address: string): Promise<void> {
    const waits = await Promise.all([
      blockedFor(this.byAccount, username),
      blockedFor(this.byAddress, address),
    ]);
    const wait = Math.max(...waits);
    if (wait > 0) throw new TooManySignIns(wait);
  }

  async failed(username: string, address: string): Promise<void> {
    await Promise.all([count(this.byAccount, username), count(this.byAddress, address)]);
  }

  async succeeded(username: string): Promise<void> {
    await this.byAccount?.delete(username);
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}

async function blockedFor(limiter: RateLimiterAbstract | undefined, key: string): Promise<number> {
  if (!limiter) return 0;
  const state = await limiter.get(key);
  if (!state || state.consumedPoints < limiter.points) return 0;
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}

async function count(limiter: RateLimiterAbstract | undefined, key: string): Promise<void> {
  if (!limiter) return;
  try {
    await limiter.consume(key);
  } catch (error) {
    // Going over the limit is what is being counted; anything else is a fault of the store.
    if (!(error instanceof RateLimiterRes)) throw error;
  }
}
