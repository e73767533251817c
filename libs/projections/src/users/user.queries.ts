import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ReadStore } from '../read-store';
import type { UserAccountRow } from './schema';

export interface UserListItem {
  username: string;
  displayName: string;
  role: string;
  unitId: string;
  status: string;
  passwordChangeRequired: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserList {
  items: UserListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface UserListFilter {
  /** Accounts bound to this unit or below it (the caller has narrowed it to the administrator's jurisdiction). */
  unitId?: string;
  role?: string;
  status?: string;
}

/** A page of the accounts, by username. */
export class ListUsersQuery extends Query<UserList> {
  constructor(
    readonly filter: UserListFilter,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}

export function userListItem(row: UserAccountRow): UserListItem {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    status: row.status,
    passwordChangeRequired: row.password_must_change === 1,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

@QueryHandler(ListUsersQuery)
export class ListUsersHandler implements IQueryHandler<ListUsersQuery, UserList> {
  constructor(private readonly readStore: ReadStore) {}

  async execute({ filter, page, pageSize }: ListUsersQuery): Promise<UserList> {
    let query = this.readStore.db.selectFrom('user_accounts');
    if (filter.unitId) query = query.where('unit_path', 'like', `%|${filter.unitId}|%`);
    if (filter.role) query = query.where('role', '=', filter.role);
    if (filter.status) query = query.where('status', '=', filter.status);
    const { total } = await query
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('username')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(userListItem), total: Number(total), page, pageSize };
  }
}
