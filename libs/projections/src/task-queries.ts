import { sql } from 'kysely';
import type { ReadStore, TaskRow } from './read-store';

export type InboxView = 'mine' | 'group' | 'claimed' | 'unclaimed' | 'overdue';
export const INBOX_VIEWS: readonly InboxView[] = ['mine', 'group', 'claimed', 'unclaimed', 'overdue'];

export interface InboxQuery {
  /** The candidate groups the approver belongs to. */
  groups: string[];
  approver: string;
  view: InboxView;
  now: string;
  page: number;
  pageSize: number;
}

export interface Inbox {
  items: TaskRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<InboxView, number>;
}

/** The open tasks an approver may act on, soonest due first, with the count of each view. */
export async function queryInbox(readStore: ReadStore, query: InboxQuery): Promise<Inbox> {
  const { groups, approver, now } = query;
  if (groups.length === 0) {
    return { items: [], total: 0, page: query.page, pageSize: query.pageSize, counts: zeroCounts() };
  }
  const base = readStore.db
    .selectFrom('tasks')
    .where('status', '=', 'open')
    .where('candidate_group', 'in', groups);
  let list = base;
  switch (query.view) {
    case 'mine':
      list = list.where('assignee', '=', approver);
      break;
    case 'claimed':
      list = list.where('assignee', 'is not', null);
      break;
    case 'unclaimed':
      list = list.where('assignee', 'is', null);
      break;
    case 'overdue':
      list = list.where('due_at', '<', now);
      break;
    case 'group':
      break;
  }
  const [items, counts] = await Promise.all([
    list
      .selectAll()
      .orderBy('due_at')
      .orderBy('task_id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base
      .select([
        sql<number>`count(*)`.as('group'),
        sql<number>`coalesce(sum(case when assignee = ${approver} then 1 else 0 end), 0)`.as('mine'),
        sql<number>`coalesce(sum(case when assignee is not null then 1 else 0 end), 0)`.as('claimed'),
        sql<number>`coalesce(sum(case when assignee is null then 1 else 0 end), 0)`.as('unclaimed'),
        sql<number>`coalesce(sum(case when due_at < ${now} then 1 else 0 end), 0)`.as('overdue'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const numbers = Object.fromEntries(
    Object.entries(counts).map(([key, value]) => [key, Number(value)]),
  ) as Record<InboxView, number>;
  return {
    items: items.map((row) => ({ ...row, seq: Number(row.seq) })),
    total: numbers[query.view],
    page: query.page,
    pageSize: query.pageSize,
    counts: numbers,
  };
}

export async function findTask(readStore: ReadStore, taskId: string): Promise<TaskRow | undefined> {
  const row = await readStore.db
    .selectFrom('tasks')
    .selectAll()
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return row ? { ...row, seq: Number(row.seq) } : undefined;
}

function zeroCounts(): Record<InboxView, number> {
  return { mine: 0, group: 0, claimed: 0, unclaimed: 0, overdue: 0 };
}
