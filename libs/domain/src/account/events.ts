import type { UserAccount } from './accounts';

/** Users are event-sourced like offices: one stream per user, so who had which role when stays on record. */
export const USER_STREAM_PREFIX = 'user-';

export function userStreamId(username: string): string {
  return `${USER_STREAM_PREFIX}${username}`;
}

// Type names and data shapes are what the store holds: never rename or reshape.
//
// No event carries a password or its hash: the hash is kept in the credential store beside the log, under a fresh
// `credentialId` that the event names, so the append-only log never holds anything to attack offline and a
// superseded hash can be forgotten. Events recorded before carry `passwordHash` instead; they are read as naming
// the credential kept under their own event id (copied there by `npm run migrate`, or on first read), and every
// view of the log withholds the hash.

/** Which password an event set: the id it is kept under in the credential store. */
export interface CredentialRef {
  credentialId: string;
  /** Only in events recorded before credentials left the log; never written now. */
  passwordHash?: string;
}

/** An account registered with a password of its own (the demo seed). */
export interface UserRegistered {
  type: 'UserRegistered';
  data: UserAccount & CredentialRef;
}

/** The user changed their own password (having given the current one); it ends every other session. */
export interface PasswordChanged {
  type: 'PasswordChanged';
  data: { username: string } & CredentialRef;
}

/** An administrator created the account with a one-time password, to be changed at the first sign-in. */
export interface UserCreated {
  type: 'UserCreated';
  data: UserAccount & CredentialRef & { reason: string };
}

/** An administrator gave the account another role or bound it to another unit (its jurisdiction). */
export interface UserRoleChanged {
  type: 'UserRoleChanged';
  data: { username: string; role: UserAccount['role']; unitId: string; reason: string };
}

/** An administrator disabled the account: it cannot sign in, and its tokens stop working at once. */
export interface UserDisabled {
  type: 'UserDisabled';
  data: { username: string; reason: string };
}

/** An administrator enabled a disabled account again; tokens from before it was disabled stay dead. */
export interface UserEnabled {
  type: 'UserEnabled';
  data: { username: string; reason: string };
}

/** An administrator set a one-time password: it must be changed at the next sign-in; every session ends. */
export interface PasswordReset {
  type: 'PasswordReset';
  data: { username: string; reason: string } & CredentialRef;
}

export type AccountEvent =
  | UserRegistered
  | PasswordChanged
  | UserCreated
  | UserRoleChanged
  | UserDisabled
  | UserEnabled
  | PasswordReset;
