import type { UserAccount } from './accounts';

/** Users are event-sourced like offices: one stream per user, so who had which role when stays on record. */
export const USER_STREAM_PREFIX = 'user-';

export function userStreamId(username: string): string {
  return `${USER_STREAM_PREFIX}${username}`;
}

// Type names and data shapes are what the store holds: never rename or reshape. The password only ever as a hash.
export interface UserRegistered {
  type: 'UserRegistered';
  data: UserAccount & { passwordHash: string };
}

export interface PasswordChanged {
  type: 'PasswordChanged';
  data: { username: string; passwordHash: string };
}

export type AccountEvent = UserRegistered | PasswordChanged;
