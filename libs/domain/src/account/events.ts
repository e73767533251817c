import type { UserAccount } from './accounts';

/** Users are event-sourced like offices: one stream per user, so who had which role when stays on record. */
export const USER_STREAM_PREFIX = 'user-';

export function userStreamId(username: string): string {
  return `${USER_STREAM_PREFIX}${username}`;
}

// Type names and data shapes are what the store holds: never rename or reshape. The password only ever as a hash.

/** An account registered with a password of its own (the demo seed). */
export interface UserRegistered {
  type: 'UserRegistered';
  data: UserAccount & { passwordHash: string };
}

/** The user changed their own password (having given the current one); it ends every other session. */
export interface PasswordChanged {
  type: 'PasswordChanged';
  data: { username: string; passwordHash: string };
}

/** An administrator created the account with a one-time password, to be changed at the first sign-in. */
export interface UserCreated {
  type: 'UserCreated';
  data: UserAccount & { passwordHash: string; reason: string };
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
  data: { username: string; passwordHash: string; reason: string };
}

export type AccountEvent =
  | UserRegistered
  | PasswordChanged
  | UserCreated
  | UserRoleChanged
  | UserDisabled
  | UserEnabled
  | PasswordReset;
