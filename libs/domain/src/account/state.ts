import type { UserAccount } from './accounts';
import type { AccountEvent } from './events';

export type AccountState =
  { status: 'unregistered' } | { status: 'registered'; account: UserAccount; passwordHash: string };

export const initialState = (): AccountState => ({ status: 'unregistered' });

export function evolve(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'UserRegistered': {
      const { passwordHash, ...account } = event.data;
      return { status: 'registered', account, passwordHash };
    }
    case 'PasswordChanged':
      return state.status === 'registered' ? { ...state, passwordHash: event.data.passwordHash } : state;
    default:
      return passedOver(event, state);
  }
}

/** Exhaustive over the known events; one added later (a role change, a lock) must not break reading older streams. */
function passedOver(_event: never, state: AccountState): AccountState {
  return state;
}
