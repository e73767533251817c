import {
  accountDecider,
  checkAccount,
  InvalidUserAccount,
  sameAccount,
  UserNotFound,
  userStreamId,
  type AccountEvent,
  type JurisdictionCatalog,
  type RegisteredAccount,
} from '@liaison/domain';
import { randomUUID } from 'node:crypto';
import { foldStream, type EventStore, type RecordedEvent } from '@liaison/event-store';
import { ExecuteCommand, type CommandDispatcher } from '@liaison/application';
import { USERNAME_PATTERN, type UserAccount } from './identity';
import type { AccountCache } from './account-cache';
import type { CredentialStore } from './credential-store';
import { checkNewPassword, MAX_PASSWORD_BYTES, PasswordHasher } from './passwords';

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
export type { PasswordChanged, RegisteredAccount } from '@liaison/domain';
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
  /** Where the guard's checks keep the accounts they read (the log keeps it right); without, each check reads. */
  accounts?: AccountCache;
}

export interface RegistrationResult {
  account: UserAccount;
  /** False when the same account was already registered and nothing was appended. */
  created: boolean;
}

/**
 * The accounts as sign-in and the guard see them: registration and password changes are commands to the user's
 * stream through the one command handler; sign-in and every authenticated request fold the stream, which is the
 * truth (a disabled account is refused by every instance of the service from the moment the event is stored).
 */
export class UserDirectory {
  readonly passwords: PasswordHasher;
  private readonly decider: ReturnType<typeof accountDecider>;
  private readonly accounts: AccountCache | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly jurisdictions: JurisdictionCatalog,
    private readonly commands: CommandDispatcher,
    readonly credentials: CredentialStore,
    options: UserDirectoryOptions = {},
  ) {
    this.passwords = new PasswordHasher(options.bcryptCost ?? 10);
    this.decider = accountDecider(jurisdictions);
    this.accounts = options.accounts;
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
    const existing = await this.current(candidate.username);
    if (existing) return { account: sameAccount(existing.account, candidate), created: false };
    const credentialId = this.keep(candidate.username, await this.passwords.hash(password));
    // Two registrations racing: the loser's retry finds the winner's and is a no-op if it is the same account.
    const result = await this.settle(candidate.username, credentialId, () =>
      this.send(candidate.username, { type: 'RegisterUser', data: { ...candidate, credentialId } }, meta),
    );
    if (result.state.status === 'unregistered')
      throw new Error(`user ${candidate.username} was not registered`);
    return { account: result.state.account, created: result.events.length > 0 };
  }

  /**
   * The user's own change: the current password must be given, and the new one must differ. Decided on the version
   * the current password was checked against, so a reset in between refuses it (409) rather than being undone.
   */
  async changeOwnPassword(
    username: string,
    currentPassword: string,
    newPassword: string,
    meta: UserCommandMeta,
  ): Promise<RegisteredAccount> {
    checkNewPassword(newPassword, 'newPassword');
    const { state, version } = await this.read(username);
    if (state.status === 'unregistered') throw new UserNotFound(username);
    const currentHash = this.credentials.hash(state.credentialId);
    if (!(await this.passwords.matches(currentPassword, currentHash))) {
      throw new InvalidUserAccount('currentPassword', 'currentPassword is not the current password');
    }
    if (await this.passwords.matches(newPassword, currentHash)) {
      throw new InvalidUserAccount('newPassword', 'newPassword must differ from the current password');
    }
    const credentialId = this.keep(username, await this.passwords.hash(newPassword));
    const result = await this.settle(username, credentialId, () =>
      this.send(username, { type: 'ChangePassword', data: { username, credentialId } }, meta, {
        expectedVersion: version,
      }),
    );
    if (result.state.status === 'unregistered') throw new UserNotFound(username);
    return result.state;
  }

  /**
   * The account when the password is right (disabled or not: the caller says which), else undefined, without telling
   * which part was wrong. An unknown user still costs one bcrypt comparison, so timing does not reveal who exists.
   */
  async verify(username: string, password: string): Promise<RegisteredAccount | undefined> {
    const name = typeof username === 'string' ? username.trim().toLowerCase() : '';
    const candidate = typeof password === 'string' ? password : '';
    const acceptable =
      USERNAME_PATTERN.test(name) && Buffer.byteLength(candidate, 'utf8') <= MAX_PASSWORD_BYTES;
    const state = acceptable ? await this.current(name) : undefined;
    const hash = state ? this.credentials.hash(state.credentialId) : undefined;
    const matches = await this.passwords.matches(candidate, hash);
    return state && matches ? state : undefined;
  }

  /** An active account (one that may sign in and be handed work), or undefined. */
  async find(username: string): Promise<UserAccount | undefined> {
    const state = await this.current(username);
    return state?.status === 'active' ? state.account : undefined;
  }

  /** The account as its stream stands now, disabled or not; undefined when there is none. */
  async current(username: string): Promise<RegisteredAccount | undefined> {
    if (typeof username !== 'string' || !USERNAME_PATTERN.test(username)) return undefined;
    const { state } = await this.read(username);
    return state.status === 'unregistered' ? undefined : state;
  }

  /**
   * The account as the guard checks it on every request: `current`, from the accounts kept since the guard last read
   * them while the log has nothing new for them (see AccountCache).
   */
  async standing(username: string): Promise<RegisteredAccount | undefined> {
    if (!this.accounts || typeof username !== 'string' || !USERNAME_PATTERN.test(username)) {
      return this.current(username);
    }
    return this.accounts.account(username, () => this.current(username));
  }

  /**
   * A one-time password for an administrator's CreateUser or ResetPassword: the password to show once, and the id its
   * hash is kept under for the command to name. `settle` the command with it.
   */
  async oneTime(username: string): Promise<{ password: string; credentialId: string }> {
    const { password, passwordHash } = await this.passwords.oneTime();
    return { password, credentialId: this.keep(username, passwordHash) };
  }

  /**
   * Runs the command that names a credential kept just now: once it is recorded, the account's older hashes are
   * deleted; when it records nothing (a replay, an account already there) or fails, the new one is.
   */
  async settle<T extends { events: readonly unknown[]; replayed?: boolean }>(
    username: string,
    credentialId: string,
    command: () => Promise<T>,
  ): Promise<T> {
    let result: T;
    try {
      result = await command();
    } catch (error) {
      this.credentials.forget(credentialId);
      throw error;
    }
    if (result.events.length === 0 || result.replayed === true) this.credentials.forget(credentialId);
    else this.credentials.forgetAllBut(username, credentialId);
    return result;
  }

  /** Signs `username` out everywhere: every token issued before stops working. */
  endSessions(username: string): number {
    return this.credentials.endSessions(username);
  }

  sessionVersion(username: string): number {
    return this.credentials.sessionVersion(username);
  }

  /**
   * Copies the hash of an account whose password was set before credentials left the log into the credential store
   * (from the event that set it); answers whether there was one to copy. `npm run migrate` does it for every account.
   */
  async migrateCredential(username: string): Promise<boolean> {
    const recorded = await this.store.readStream(userStreamId(username));
    return this.adoptLegacy(recorded, foldStream(this.decider, recorded.map(upcast)));
  }

  private keep(username: string, passwordHash: string): string {
    const credentialId = randomUUID();
    this.credentials.keep(credentialId, username, passwordHash);
    return credentialId;
  }

  private async read(username: string) {
    const recorded = await this.store.readStream(userStreamId(username));
    const state = foldStream(this.decider, recorded.map(upcast));
    this.adoptLegacy(recorded, state);
    return { state, version: recorded.length };
  }

  private adoptLegacy(recorded: readonly RecordedEvent[], state: ReturnType<typeof foldStream>): boolean {
    const account = state as AccountStateLike;
    if (account.status === 'unregistered') return false;
    const setBy = recorded.find((event) => event.id === account.credentialId);
    const legacy = (setBy?.data as { passwordHash?: unknown } | undefined)?.passwordHash;
    if (typeof legacy !== 'string' || this.credentials.hash(account.credentialId) !== undefined) return false;
    this.credentials.keep(account.credentialId, account.account.username, legacy);
    return true;
  }

  private send(
    username: string,
    command: ExecuteCommand<'account'>['command'],
    meta: UserCommandMeta,
    options: { expectedVersion?: number } = {},
  ) {
    const { now, ...who } = meta;
    return this.commands.execute(
      new ExecuteCommand('account', username, command, {
        ...who,
        ...options,
        now: now ?? new Date().toISOString(),
        // Sign-in and the guard read the stream, not the account list: nothing needs to wait for it.
        awaitReadModels: false,
      }),
    );
  }
}

type AccountStateLike = RegisteredAccount | { status: 'unregistered' };

/**
 * An account event recorded before credentials left the log carries the hash itself: it is read as naming the
 * credential kept under its own event id, where `migrateCredential` (or the first read) copies the hash.
 */
function upcast(event: RecordedEvent): RecordedEvent {
  const data = event.data as { passwordHash?: unknown; credentialId?: unknown } | null;
  if (typeof data !== 'object' || data === null || !('passwordHash' in data)) return event;
  const { passwordHash: _hash, ...rest } = data;
  return { ...event, data: { ...rest, credentialId: data.credentialId ?? event.id } };
}
