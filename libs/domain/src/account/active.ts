import type { UserAccount } from './accounts';
import type { AccountState } from './state';

/**
 * The account of a user who can sign in and act now, or undefined. The candidate groups count only these: a group
 * whose approvers are all disabled has nobody who can act in it. (One who must first change a one-time password
 * can still act, after doing so.)
 */
export function activeAccount(state: AccountState): UserAccount | undefined {
  return state.status === 'active' ? state.account : undefined;
}
