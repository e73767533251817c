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

// Passwords arrive as the id their hash is kept under: hashing and keeping (and the password's own rules) belong to
// sign-in, not to the domain.

/** Registers an account with a password of its own; the same account again records nothing (the demo seed). */
export type RegisterUser = Command<'RegisterUser', NewCredential<UserRegistered['data']>>;
/** The user's own change; whoever sends it has checked the current password against the version they read. */
export type ChangePassword = Command<'ChangePassword', NewCredential<PasswordChanged['data']>>;

// An administrator's commands: each carries the reason that goes on record with it.
export type CreateUser = Command<'CreateUser', NewCredential<UserCreated['data']>>;
export type ChangeUserRole = Command<'ChangeUserRole', UserRoleChanged['data']>;
export type DisableUser = Command<'DisableUser', UserDisabled['data']>;
export type EnableUser = Command<'EnableUser', UserEnabled['data']>;
export type ResetPassword = Command<'ResetPassword', NewCredential<PasswordReset['data']>>;

/** A command sets a credential by id only: it never carries a hash, as the event it records never does. */
type NewCredential<T> = Omit<T, 'passwordHash'>;

export type AccountCommand =
  RegisterUser | ChangePassword | CreateUser | ChangeUserRole | DisableUser | EnableUser | ResetPassword;
