import type { Decider } from '../decider';
import type { JurisdictionCatalog } from '../jurisdiction';
import type { UserAccount } from './accounts';
import {
  changeUserRole,
  checkAccount,
  createUser,
  disableUser,
  enableUser,
  registeredAccount,
  resetPassword,
} from './administer';
import type { AccountCommand, ChangePassword, RegisterUser } from './commands';
import { AccountDisabled, UserAlreadyRegistered } from './errors';
import type { AccountEvent } from './events';
import { evolve, initialState, type AccountState } from './state';

export { checkAccount } from './administer';

/** The account registered already, if it is the same; refused when the name is taken by a different one. */
export function sameAccount(existing: UserAccount, candidate: UserAccount): UserAccount {
  const differences = (['displayName', 'role', 'unitId'] as const).filter(
    (field) => existing[field] !== candidate[field],
  );
  if (differences.length > 0) throw new UserAlreadyRegistered(candidate.username, differences);
  return existing;
}

/**
 * Registering an account that is already there with the same name, role and unit records nothing (so seeding can
 * run on every start); the password is not compared, so a user who has changed theirs keeps it.
 */
function registerUser(
  command: RegisterUser,
  state: AccountState,
  catalog: JurisdictionCatalog,
): AccountEvent[] {
  const { credentialId, ...candidate } = command.data;
  checkAccount(catalog, candidate);
  if (state.status !== 'unregistered') {
    sameAccount(state.account, candidate);
    return [];
  }
  return [{ type: 'UserRegistered', data: { ...candidate, credentialId } }];
}

/** A disabled account cannot change its password: it cannot sign in to, and an administrator's reset remains. */
function changePassword(command: ChangePassword, state: AccountState): AccountEvent[] {
  const current = registeredAccount(state, command.data.username);
  if (current.status === 'disabled') throw new AccountDisabled(command.data.username);
  const { username, credentialId } = command.data;
  return [{ type: 'PasswordChanged', data: { username, credentialId } }];
}

/** A user account's rules, given the jurisdiction tree its units come from. */
export function accountDecider(
  catalog: JurisdictionCatalog,
): Decider<AccountCommand, AccountEvent, AccountState> {
  return {
    decide(command, state) {
      switch (command.type) {
        case 'RegisterUser':
          return registerUser(command, state, catalog);
        case 'ChangePassword':
          return changePassword(command, state);
        case 'CreateUser':
          return createUser(command, state, catalog);
        case 'ChangeUserRole':
          return changeUserRole(command, state, catalog);
        case 'DisableUser':
          return disableUser(command, state);
        case 'EnableUser':
          return enableUser(command, state);
        case 'ResetPassword':
          return resetPassword(command, state);
        default: {
          const _: never = command;
          throw new Error(`unknown account command ${JSON.stringify(_)}`);
        }
      }
    },
    evolve,
    initialState,
  };
}
