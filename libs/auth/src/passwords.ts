import { Logger } from '@nestjs/common';
import bcryptjs from 'bcryptjs';
import { randomBytes, randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import { InvalidUserAccount } from '@liaison/domain';

/** The bcrypt the service hashes and compares with; both produce and accept the same `$2a$`/`$2b$` hashes. */
export interface Bcrypt {
  readonly kind: 'native' | 'javascript';
  hash(password: string, cost: number): Promise<string>;
  compare(password: string, hash: string): Promise<boolean>;
}

/**
 * @node-rs/bcrypt hashes on libuv's thread pool, so a flood of sign-ins does not stall every other request on the
 * event loop (bcryptjs computes on it: see BENCHMARKS.md). Its binary comes as an npm package for the platform; on a
 * platform without one, bcryptjs keeps the service working, slower under load.
 */
function loadBcrypt(): Bcrypt {
  try {
    const native = createRequire(__filename)('@node-rs/bcrypt') as typeof import('@node-rs/bcrypt');
    return {
      kind: 'native',
      hash: (password, cost) => native.hash(password, cost),
      compare: (password, hash) => native.verify(password, hash),
    };
  } catch (error) {
    new Logger('Passwords').warn(
      `@node-rs/bcrypt cannot load here (${(error as Error).message}); hashing with bcryptjs on the event loop`,
    );
    return {
      kind: 'javascript',
      hash: (p, cost) => bcryptjs.hash(p, cost),
      compare: (p, h) => bcryptjs.compare(p, h),
    };
  }
}

export const bcrypt: Bcrypt = loadBcrypt();

export const MIN_PASSWORD_LENGTH = 8;
/** bcrypt reads only the first 72 bytes; a longer password would match any other with the same beginning. */
export const MAX_PASSWORD_BYTES = 72;

/** Refuses a password a user may not choose, naming the field it came in. */
export function checkNewPassword(password: unknown, field = 'password'): asserts password is string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidUserAccount(field, `${field} must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw new InvalidUserAccount(field, `${field} must be at most ${MAX_PASSWORD_BYTES} bytes (UTF-8)`);
  }
}

// No look-alikes (0/o, 1/l/i), so that a password read out over the telephone arrives as it was given.
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const ONE_TIME_GROUPS = 4;
const ONE_TIME_GROUP_LENGTH = 5;

/** A one-time password: four groups of five (about 99 bits), e.g. `k3m9x-…`; good for one sign-in. */
export function generateOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < ONE_TIME_GROUPS; g++) {
    let group = '';
    for (let i = 0; i < ONE_TIME_GROUP_LENGTH; i++)
      group += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

export function bcryptCostFrom(env: NodeJS.ProcessEnv): number {
  const text = env.AUTH_BCRYPT_COST;
  if (text === undefined || text === '') return 10;
  const cost = Number(text);
  if (!Number.isInteger(cost) || cost < 4 || cost > 31) {
    throw new Error(`AUTH_BCRYPT_COST must be an integer from 4 to 31, not ${text}`);
  }
  return cost;
}

/** bcrypt at the service's cost; an unknown user still costs one comparison, so timing tells nobody who exists. */
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(readonly cost = 10) {
    if (!Number.isInteger(cost) || cost < 4 || cost > 31) {
      throw new Error(`bcrypt cost must be an integer from 4 to 31, not ${cost}`);
    }
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  /** Compares against the hash, or against a hash of a random secret when there is none (an unknown user). */
  async matches(password: string, hash: string | undefined): Promise<boolean> {
    this.dummyHash ??= bcrypt.hash(randomBytes(18).toString('base64'), this.cost);
    const matches = await bcrypt.compare(password, hash ?? (await this.dummyHash));
    return hash !== undefined && matches;
  }

  /** A new one-time password and its hash: the password is shown once, only the hash is recorded. */
  async oneTime(): Promise<{ password: string; passwordHash: string }> {
    const password = generateOneTimePassword();
    return { password, passwordHash: await this.hash(password) };
  }
}
