import type { Command } from '../decider';
import type { PasswordChanged, UserRegistered } from './events';

/** The password arrives hashed: hashing (and the password's own rules) belongs to sign-in, not to the domain. */
export type RegisterUser = Command<'RegisterUser', UserRegistered['data']>;
export type ChangePassword = Command<'ChangePassword', PasswordChanged['data']>;

export type AccountCommand = RegisterUser | ChangePassword;
