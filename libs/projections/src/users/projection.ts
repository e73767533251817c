import type { Transaction } from 'kysely';
import { USER_STREAM_PREFIX, type AccountEvent, type JurisdictionCatalog } from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import type { Projection } from '../projection';
import type { UserAccountRow, UserTables } from './schema';

/**
 * The accounts for the administrators' list: who has which role where, and whether they are disabled. Only the list
 * reads it: sign-in and the per-request check fold the account's own stream, which never lags.
 */
export class UserListProjection implements Projection {
  readonly name = 'users';

  constructor(private readonly jurisdictions: JurisdictionCatalog) {}

  async applyBatch(trx: Transaction<UserTables>, events: readonly RecordedEvent[]): Promise<void> {
    for (const recorded of events) {
      if (!recorded.streamId.startsWith(USER_STREAM_PREFIX)) continue;
      await this.apply(trx, recorded, { type: recorded.type, data: recorded.data } as AccountEvent);
    }
  }

  private async apply(trx: Transaction<UserTables>, recorded: RecordedEvent, event: AccountEvent) {
    const stamp = { version: Number(recorded.revision) + 1, updated_at: recorded.metadata.occurredAt };
    const update = (set: Partial<UserAccountRow>) =>
      trx
        .updateTable('user_accounts')
        .set({ ...set, ...stamp })
        .where('username', '=', event.data.username)
        .execute();
    switch (event.type) {
      case 'UserRegistered':
      case 'UserCreated': {
        const { username, displayName, role, unitId } = event.data;
        const row: UserAccountRow = {
          username,
          display_name: displayName,
          role,
          unit_id: unitId,
          unit_path: this.pathOf(unitId),
          status: 'active',
          password_must_change: event.type === 'UserCreated' ? 1 : 0,
          created_at: recorded.metadata.occurredAt,
          ...stamp,
        };
        await trx
          .insertInto('user_accounts')
          .values(row)
          .onConflict((c) => c.column('username').doNothing())
          .execute();
        return;
      }
      case 'UserRoleChanged':
        await update({
          role: event.data.role,
          unit_id: event.data.unitId,
          unit_path: this.pathOf(event.data.unitId),
        });
        return;
      case 'UserDisabled':
        await update({ status: 'disabled' });
        return;
      case 'UserEnabled':
        await update({ status: 'active' });
        return;
      case 'PasswordReset':
      case 'PasswordChanged':
        await update({ password_must_change: event.type === 'PasswordReset' ? 1 : 0 });
        return;
      default:
        // An event type of a later release: the row keeps what it knows, with the stream's version.
        await update({});
    }
  }

  private pathOf(unitId: string): string {
    const lineage = this.jurisdictions
      .lineage(unitId)
      .map((unit) => unit.id)
      .reverse();
    return `|${(lineage.length > 0 ? lineage : [unitId]).join('|')}|`;
  }
}
