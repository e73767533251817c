import type { JurisdictionCatalog } from '../jurisdiction';
import { reasonProblem, validateAccount, type UserAccount } from './accounts';
import type { ChangeUserRole, CreateUser, DisableUser, EnableUser, ResetPassword } from './commands';
import { InvalidUserAccount, UsernameTaken, UserNotFound } from './errors';
import type { AccountEvent } from './events';
import type { AccountState, RegisteredAccount } from './state';

// An administrator's changes to an account. Who may make them (an administrator, within their jurisdiction) is the
// authorization policy's; what they may make is here. Each needs a reason, which goes on record with the event.

/** Refuses an account that cannot be registered, naming the first field at fault and every problem. */
export function checkAccount(catalog: JurisdictionCatalog, account: UserAccount): void {
  const problems = validateAccount(catalog, account);
  if (problems.length > 0) {
    throw new InvalidUserAccount(problems[0]!.field, problems.map((problem) => problem.message).join('; '));
  }
}

function checkReason(reason: unknown): void {
  const problem = reasonProblem(reason);
  if (problem) throw new InvalidUserAccount(problem.field, problem.message);
}

export function registeredAccount(state: AccountState, username: string): RegisteredAccount {
  if (state.status === 'unregistered') throw new UserNotFound(username);
  return state;
}

/** A new account with a one-time password; a taken username is refused, never overwritten. */
export function createUser(
  { data }: CreateUser,
  state: AccountState,
  catalog: JurisdictionCatalog,
): AccountEvent[] {
  const { username, displayName, role, unitId, credentialId, reason } = data;
  checkReason(reason);
  if (state.status !== 'unregistered') throw new UsernameTaken(username);
  checkAccount(catalog, { username, displayName, role, unitId });
  return [{ type: 'UserCreated', data: { username, displayName, role, unitId, credentialId, reason } }];
}

/** Another role or unit, checked as a whole (an approver must be bound where some tier decides); the same records nothing. */
export function changeUserRole(
  { data }: ChangeUserRole,
  state: AccountState,
  catalog: JurisdictionCatalog,
): AccountEvent[] {
  const { username, role, unitId, reason } = data;
  checkReason(reason);
  const { account } = registeredAccount(state, username);
  checkAccount(catalog, { ...account, role, unitId });
  if (account.role === role && account.unitId === unitId) return [];
  return [{ type: 'UserRoleChanged', data: { username, role, unitId, reason } }];
}

/** Disabling a disabled account, or enabling an active one, records nothing. */
export function disableUser({ data }: DisableUser, state: AccountState): AccountEvent[] {
  checkReason(data.reason);
  const current = registeredAccount(state, data.username);
  return current.status === 'disabled'
    ? []
    : [{ type: 'UserDisabled', data: { username: data.username, reason: data.reason } }];
}

export function enableUser({ data }: EnableUser, state: AccountState): AccountEvent[] {
  checkReason(data.reason);
  const current = registeredAccount(state, data.username);
  return current.status === 'active'
    ? []
    : [{ type: 'UserEnabled', data: { username: data.username, reason: data.reason } }];
}

/** A disabled account's password may be reset too, so that it is ready when enabled again. */
export function resetPassword({ data }: ResetPassword, state: AccountState): AccountEvent[] {
  const { username, credentialId, reason } = data;
  checkReason(reason);
  registeredAccount(state, username);
  return [{ type: 'PasswordReset', data: { username, credentialId, reason } }];
}
