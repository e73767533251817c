import type { Transaction } from 'kysely';
import {
  activeAccount,
  evolveAccount,
  initialAccountState,
  USER_STREAM_PREFIX,
  type AccountEvent,
  type AccountState,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import type { Projection } from '../projection';
import type { GroupAccountRow, GroupTables } from './schema';

/**
 * The accounts the candidate groups are made of: each user's stream folded by the domain's account rules (so the
 * events user administration adds are followed without a change here), kept without the password hash.
 */
export class GroupAccountsProjection implements Projection {
  readonly name = 'groups';

  async applyBatch(trx: Transaction<GroupTables>, events: readonly RecordedEvent[]): Promise<void> {
    const states = new Map<string, AccountState>();
    for (const recorded of events) {
      if (!recorded.streamId.startsWith(USER_STREAM_PREFIX)) continue;
      const username = recorded.streamId.slice(USER_STREAM_PREFIX.length);
      const before = states.get(username) ?? (await load(trx, username));
      states.set(username, evolveAccount(before, recorded as unknown as AccountEvent));
    }
    for (const [username, state] of states) {
      const row = rowOf(username, state);
      if (!row) continue;
      await trx
        .insertInto('group_accounts')
        .values(row)
        .onConflict((c) =>
          c.column('username').doUpdateSet({
            role: row.role,
            unit_id: row.unit_id,
            active: row.active,
            account_state: row.account_state,
          }),
        )
        .execute();
    }
  }
}

async function load(trx: Transaction<GroupTables>, username: string): Promise<AccountState> {
  const row = await trx
    .selectFrom('group_accounts')
    .select('account_state')
    .where('username', '=', username)
    .executeTakeFirst();
  if (!row) return initialAccountState();
  return { ...(JSON.parse(row.account_state) as AccountState), passwordHash: '' } as AccountState;
}

function rowOf(username: string, state: AccountState): GroupAccountRow | undefined {
  if (state.status === 'unregistered') return undefined;
  const { passwordHash: _hash, ...kept } = state as AccountState & { passwordHash?: string };
  return {
    username,
    role: state.account.role,
    unit_id: state.account.unitId,
    active: activeAccount(state) ? 1 : 0,
    account_state: JSON.stringify(kept),
  };
}
