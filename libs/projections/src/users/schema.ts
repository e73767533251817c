import type { ReadModelSchema } from '../read-model-schema';

/** An account as the administrators' list shows it; never its password hash (sign-in reads the stream). */
export interface UserAccountRow {
  username: string;
  display_name: string;
  role: string;
  unit_id: string;
  /** The jurisdiction path of the unit, for "every account within this unit" filters: `|henan|henan.nanyang|…|`. */
  unit_path: string;
  /** `active` or `disabled`. */
  status: string;
  /** 1 while a one-time password has not been changed. */
  password_must_change: number;
  /** Number of events in the account's stream. */
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserTables {
  user_accounts: UserAccountRow;
}

export const userSchema: ReadModelSchema<UserTables> = {
  tables: ['user_accounts'],
  async migrate(db) {
    await db.schema
      .createTable('user_accounts')
      .ifNotExists()
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('unit_path', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('password_must_change', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
