import type { Command } from '../decider';
import type {
  PasswordChanged,
  PasswordReset,
  UserCreated,
  UserDisabled,
  UserEnabled,
  UserRegistered,
  UserRoleChanged,
} from './events';

// Passwords arrive hashed: hashing (and the password's own rules) belongs to sign-in, not to the domain.

/** Registers an account with a password of its own; the same account again records nothing (the demo seed). */
export type RegisterUser = Command<'RegisterUser', UserRegistered['data']>;
/** The user's own change; whoever sends it has checked the current password against the version they read. */
export type ChangePassword = Command<'ChangePassword', PasswordChanged['data']>;

// An administrator's commands: each carries the reason that goes on record with it.
export type CreateUser = Command<'CreateUser', UserCreated['data']>;
export type ChangeUserRole = Command<'ChangeUserRole', UserRoleChanged['data']>;
export type DisableUser = Command<'DisableUser', UserDisabled['data']>;
export type EnableUser = Command<'EnableUser', UserEnabled['data']>;
export type ResetPassword = Command<'ResetPassword', PasswordReset['data']>;

export type AccountCommand =
  RegisterUser | ChangePassword | CreateUser | ChangeUserRole | DisableUser | EnableUser | ResetPassword;
