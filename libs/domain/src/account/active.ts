import type { UserAccount } from './accounts';
import type { AccountState } from './state';

/**
 * The account of a user who can sign in and act now, or undefined. The candidate groups count only these: a group
 * whose approvers are all inactive has nobody who can act in it. (Where accounts can be disabled, a disabled one is
 * not active.)
 */
export function activeAccount(state: AccountState): UserAccount | undefined {
  return state.status === 'registered' ? state.account : undefined;
}
