import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import {
  accountDecider,
  checkAccount,
  InvalidUserAccount,
  sameAccount,
  UserNotFound,
  userStreamId,
  type AccountEvent,
  type JurisdictionCatalog,
} from '@liaison/domain';
import { foldStream, type EventStore } from '@liaison/event-store';
import { ExecuteCommand, type CommandDispatcher } from '@liaison/application';
import { USERNAME_PATTERN, type UserAccount } from './identity';

// Accounts are a stream type of the domain (libs/domain/src/account); sign-in keeps the password's own rules and
// the hashing, and reads the accounts back.
export {
  InvalidUserAccount,
  USER_STREAM_PREFIX,
  UserAlreadyRegistered,
  UserNotFound,
  userStreamId,
  type UserRegistered,
} from '@liaison/domain';
export type { PasswordChanged } from '@liaison/domain';
export type UserEvent = AccountEvent;

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

/**
 * The accounts: registration and password changes are commands to the user's stream through the one command
 * handler; sign-in folds the stream to check a password.
 */
export class UserDirectory {
  private readonly cost: number;
  private readonly decider: ReturnType<typeof accountDecider>;
  private dummyHash?: Promise<string>;

  constructor(
    private readonly store: EventStore,
    private readonly jurisdictions: JurisdictionCatalog,
    private readonly commands: CommandDispatcher,
    options: UserDirectoryOptions = {},
  ) {
    this.cost = options.bcryptCost ?? 10;
    if (!Number.isInteger(this.cost) || this.cost < 4 || this.cost > 31) {
      throw new Error(`bcrypt cost must be an integer from 4 to 31, not ${this.cost}`);
    }
    this.decider = accountDecider(jurisdictions);
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
    // Checked before hashing (the decider checks again): a refused account costs no bcrypt round.
    checkAccount(this.jurisdictions, candidate);
    checkNewPassword(password);
    const existing = await this.load(candidate.username);
    if (existing) return { account: sameAccount(existing.account, candidate), created: false };
    const passwordHash = await bcrypt.hash(password, this.cost);
    // Two registrations racing: the loser's retry finds the winner's and is a no-op if it is the same account.
    const result = await this.send(
      candidate.username,
      { type: 'RegisterUser', data: { ...candidate, passwordHash } },
      meta,
    );
    if (result.state.status !== 'registered')
      throw new Error(`user ${candidate.username} was not registered`);
    return { account: result.state.account, created: result.events.length > 0 };
  }

  async changePassword(username: string, newPassword: string, meta: UserCommandMeta): Promise<void> {
    checkNewPassword(newPassword);
    if (!(await this.load(username))) throw new UserNotFound(username);
    const passwordHash = await bcrypt.hash(newPassword, this.cost);
    await this.send(username, { type: 'ChangePassword', data: { username, passwordHash } }, meta);
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

  private async load(username: string): Promise<{ account: UserAccount; passwordHash: string } | undefined> {
    const state = foldStream(this.decider, await this.store.readStream(userStreamId(username)));
    return state.status === 'registered' ? state : undefined;
  }

  private send(username: string, command: ExecuteCommand<'account'>['command'], meta: UserCommandMeta) {
    const { now, ...who } = meta;
    return this.commands.execute(
      new ExecuteCommand('account', username, command, {
        ...who,
        now: now ?? new Date().toISOString(),
        // No read model holds accounts: sign-in reads the stream.
        awaitReadModels: false,
      }),
    );
  }

  private unknownUserHash(): Promise<string> {
    this.dummyHash ??= bcrypt.hash(randomBytes(18).toString('base64'), this.cost);
    return this.dummyHash;
  }
}

function checkNewPassword(password: string): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidUserAccount('password', `password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw new InvalidUserAccount('password', `password must be at most ${MAX_PASSWORD_BYTES} bytes (UTF-8)`);
  }
}
