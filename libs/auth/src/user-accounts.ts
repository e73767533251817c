import bcrypt from 'bcryptjs';
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type JurisdictionCatalog } from '@liaison/domain';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
} from '@liaison/event-store';
import { USERNAME_PATTERN, validateAccount, type Role, type UserAccount } from './identity';

/** Users are event-sourced like offices: one stream per user, so who had which role when stays on record. */
export const USER_STREAM_PREFIX = 'user-';

export function userStreamId(username: string): string {
  return `${USER_STREAM_PREFIX}${username}`;
}

export interface UserRegistered {
  type: 'UserRegistered';
  data: { username: string; displayName: string; role: Role; unitId: string; passwordHash: string };
}

export interface PasswordChanged {
  type: 'PasswordChanged';
  data: { username: string; passwordHash: string };
}

export type UserEvent = UserRegistered | PasswordChanged;

/** Who made the change and why; becomes the events' metadata like an office command's. */
export interface UserCommandMeta {
  actor: string;
  role: string;
  comment?: string;
  correlationId?: string;
  causationId?: string;
  /** Domain time of the change (ISO-8601); the clock when omitted. */
  now?: string;
}

/** An account that cannot be registered as given (422 through the API's error filter). */
export class InvalidUserAccount extends DomainError {
  readonly kind = 'input' as const;
  constructor(field: string, message: string) {
    super(message, undefined, field);
  }
}

/** The username is taken by an account that differs from the one being registered (409). */
export class UserAlreadyRegistered extends DomainError {
  readonly kind = 'state' as const;
  constructor(
    readonly username: string,
    differences: string[],
  ) {
    super(`user ${username} is already registered with a different ${differences.join(', ')}`);
  }
}

export class UserNotFound extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(readonly username: string) {
    super(`user ${username} is not registered`);
  }
}

export interface UserDirectoryOptions {
  /** bcrypt cost factor; 10 in service, lower in tests where hashing time dominates. */
  bcryptCost?: number;
}

export interface RegistrationResult {
  account: UserAccount;
  /** False when the same account was already registered and nothing was appended. */
  created: boolean;
}

const MIN_PASSWORD_LENGTH = 8;
/** bcrypt reads only the first 72 bytes; a longer password would match any other with the same beginning. */
const MAX_PASSWORD_BYTES = 72;

interface UserState {
  account: UserAccount;
  passwordHash: string;
  revision: bigint;
}

export class UserDirectory {
  private readonly cost: number;
  private dummyHash?: Promise<string>;

  constructor(
    private readonly store: EventStore,
    private readonly jurisdictions: JurisdictionCatalog,
    options: UserDirectoryOptions = {},
  ) {
    this.cost = options.bcryptCost ?? 10;
    if (!Number.isInteger(this.cost) || this.cost < 4 || this.cost > 31) {
      throw new Error(`bcrypt cost must be an integer from 4 to 31, not ${this.cost}`);
    }
  }

  /**
   * Registers an account. Registering one that is already there with the same name, role and unit is a no-op
   * (so seeding can run on every start); the password is not compared, so a user who has changed theirs keeps it.
   */
  async register(account: UserAccount, password: string, meta: UserCommandMeta): Promise<RegistrationResult> {
    const candidate: UserAccount = {
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      unitId: account.unitId,
    };
    const problems = validateAccount(this.jurisdictions, candidate);
    if (problems.length > 0) {
      throw new InvalidUserAccount(problems[0]!.field, problems.map((problem) => problem.message).join('; '));
    }
    checkNewPassword(password);
    const existing = await this.load(candidate.username);
    if (existing) return sameOrRefuse(existing.account, candidate);
    const passwordHash = await bcrypt.hash(password, this.cost);
    const event: UserRegistered = { type: 'UserRegistered', data: { ...candidate, passwordHash } };
    try {
      await this.store.append(userStreamId(candidate.username), [this.toAppend(event, meta)], {
        expectedRevision: 'no_stream',
      });
    } catch (error) {
      // Two registrations raced: the loser is a no-op if the winner registered the same account.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const winner = await this.load(candidate.username);
      if (!winner) throw error;
      return sameOrRefuse(winner.account, candidate);
    }
    return { account: candidate, created: true };
  }

  async changePassword(username: string, newPassword: string, meta: UserCommandMeta): Promise<void> {
    checkNewPassword(newPassword);
    const state = await this.load(username);
    if (!state) throw new UserNotFound(username);
    const passwordHash = await bcrypt.hash(newPassword, this.cost);
    const event: PasswordChanged = { type: 'PasswordChanged', data: { username, passwordHash } };
    await this.store.append(userStreamId(username), [this.toAppend(event, meta)], {
      expectedRevision: state.revision,
    });
  }

  /**
   * The account when the password is right, else undefined, without telling which part was wrong. An unknown user
   * still costs one bcrypt comparison (against a hash of a random secret), so timing does not reveal who exists.
   */
  async verify(username: string, password: string): Promise<UserAccount | undefined> {
    const name = typeof username === 'string' ? username.trim().toLowerCase() : '';
    const candidate = typeof password === 'string' ? password : '';
    const acceptable =
      USERNAME_PATTERN.test(name) && Buffer.byteLength(candidate, 'utf8') <= MAX_PASSWORD_BYTES;
    const state = acceptable ? await this.load(name) : undefined;
    const hash = state?.passwordHash ?? (await this.unknownUserHash());
    const matches = await bcrypt.compare(candidate, hash);
    return state && matches ? state.account : undefined;
  }

  async find(username: string): Promise<UserAccount | undefined> {
    if (typeof username !== 'string' || !USERNAME_PATTERN.test(username)) return undefined;
    return (await this.load(username))?.account;
  }

  private async load(username: string): Promise<UserState | undefined> {
    const recorded = await this.store.readStream(userStreamId(username));
    return recorded.reduce<UserState | undefined>(evolve, undefined);
  }

  private unknownUserHash(): Promise<string> {
    this.dummyHash ??= bcrypt.hash(randomBytes(18).toString('base64'), this.cost);
    return this.dummyHash;
  }

  private toAppend(event: UserEvent, meta: UserCommandMeta) {
    const correlationId = meta.correlationId ?? randomUUID();
    const metadata: EventMetadata = {
      actor: meta.actor,
      role: meta.role,
      correlationId,
      causationId: meta.causationId ?? correlationId,
      occurredAt: meta.now ?? new Date().toISOString(),
      ...(meta.comment !== undefined ? { comment: meta.comment } : {}),
    };
    return { id: randomUUID(), type: event.type, data: event.data, metadata };
  }
}

function evolve(state: UserState | undefined, recorded: RecordedEvent): UserState | undefined {
  const event = { type: recorded.type, data: recorded.data } as UserEvent;
  switch (event.type) {
    case 'UserRegistered': {
      const { passwordHash, ...account } = event.data;
      return { account, passwordHash, revision: recorded.revision };
    }
    case 'PasswordChanged':
      return state && { ...state, passwordHash: event.data.passwordHash, revision: recorded.revision };
    default:
      // Event types added later (a role change, a lock) must not break reading older code's streams.
      return state && { ...state, revision: recorded.revision };
  }
}

function sameOrRefuse(existing: UserAccount, candidate: UserAccount): RegistrationResult {
  const differences = (['displayName', 'role', 'unitId'] as const).filter(
    (field) => existing[field] !== candidate[field],
  );
  if (differences.length > 0) throw new UserAlreadyRegistered(candidate.username, differences);
  return { account: existing, created: false };
}

function checkNewPassword(password: string): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidUserAccount('password', `password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw new InvalidUserAccount('password', `password must be at most ${MAX_PASSWORD_BYTES} bytes (UTF-8)`);
  }
}
