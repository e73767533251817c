import type { UserAccount } from './accounts';
import type { AccountEvent } from './events';

/** A registered account as its events leave it. */
export interface AccountRecord {
  account: UserAccount;
  /** The password in force: its hash is kept in the credential store under this id, never in the log. */
  credentialId: string;
  /** A one-time password, set by an administrator, must be changed before the account may do anything else. */
  passwordMustChange: boolean;
  /**
   * Counts the changes that end every session: disabling, a password reset, a password change. An access token
   * carries the generation it was issued at and is refused once the account's has moved on.
   */
  generation: number;
}

export type AccountState = { status: 'unregistered' } | ({ status: 'active' | 'disabled' } & AccountRecord);

export type RegisteredAccount = Exclude<AccountState, { status: 'unregistered' }>;

export const initialState = (): AccountState => ({ status: 'unregistered' });

export function evolve(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'UserRegistered':
    case 'UserCreated': {
      const { username, displayName, role, unitId, credentialId } = event.data;
      return {
        status: 'active',
        account: { username, displayName, role, unitId },
        credentialId,
        passwordMustChange: event.type === 'UserCreated',
        generation: 0,
      };
    }
    case 'PasswordChanged':
    case 'PasswordReset':
      if (state.status === 'unregistered') return state;
      return {
        ...state,
        credentialId: event.data.credentialId,
        passwordMustChange: event.type === 'PasswordReset',
        generation: state.generation + 1,
      };
    case 'UserRoleChanged':
      if (state.status === 'unregistered') return state;
      return { ...state, account: { ...state.account, role: event.data.role, unitId: event.data.unitId } };
    case 'UserDisabled':
      if (state.status === 'unregistered') return state;
      return { ...state, status: 'disabled', generation: state.generation + 1 };
    case 'UserEnabled':
      return state.status === 'unregistered' ? state : { ...state, status: 'active' };
    default:
      return passedOver(event, state);
  }
}

/** Exhaustive over the known events; one added later (a lock, say) must not break reading older streams. */
function passedOver(_event: never, state: AccountState): AccountState {
  return state;
}
