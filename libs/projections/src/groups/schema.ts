import type { ReadModelSchema } from '../read-model-schema';

/**
 * Every account as its events leave it, for the candidate groups: who is an approver bound where, and whether they
 * can act now. `account_state` is the account's state as the domain folds it, less the password hash, so the next
 * event (a role change, a disablement) is folded by the domain's own rules.
 */
export interface GroupAccountRow {
  username: string;
  role: string;
  unit_id: string;
  active: number;
  account_state: string;
}

export interface GroupTables {
  group_accounts: GroupAccountRow;
}

export const groupSchema: ReadModelSchema<GroupTables> = {
  tables: ['group_accounts'],
  async migrate(db) {
    await db.schema
      .createTable('group_accounts')
      .ifNotExists()
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('account_state', 'text', (c) => c.notNull())
      .execute();
  },
};
