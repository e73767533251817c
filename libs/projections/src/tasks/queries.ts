import { sql, type Kysely } from 'kysely';
import type { ReadStore } from '../read-store';
import type { TaskRow, TaskTables } from './schema';

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
  filter?: InboxFilter;
}

/** Narrows every view and its count alike. */
export interface InboxFilter {
  /** Offices of these sponsor units only (a unit and those below it, resolved by the caller). */
  sponsorUnitIds?: readonly string[];
  tier?: string;
  ruleId?: string;
  /** Part of the office's name. */
  officeName?: string;
}

/** `LIKE` matches the text itself: its wildcards and the escape character are escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface Inbox {
  items: TaskRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<InboxView, number>;
}

/**
 * The two statements of an inbox call: the page, and the count of every view. Each count is a range count over an
 * index (`tasks_group_open` for the group and overdue, `tasks_group_assignee` for mine and claimed), so none reads
 * a table row however large the group; unclaimed is group − claimed.
 */
export function inboxStatements(db: Kysely<TaskTables>, query: Omit<InboxQuery, 'page' | 'pageSize'>) {
  const { groups, approver, now, filter = {} } = query;
  const open = () => {
    let tasks = db.selectFrom('tasks').where('candidate_group', 'in', groups).where('status', '=', 'open');
    if (filter.sponsorUnitIds) tasks = tasks.where('sponsor_unit_id', 'in', [...filter.sponsorUnitIds, '']);
    if (filter.tier) tasks = tasks.where('tier', '=', filter.tier);
    if (filter.ruleId) tasks = tasks.where('rule_id', '=', filter.ruleId);
    if (filter.officeName) {
      tasks = tasks.where(sql<boolean>`office_name LIKE ${containsPattern(filter.officeName)} ESCAPE '\\'`);
    }
    return tasks;
  };
  let list = open();
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
  const count = sql<number>`count(*)`.as('n');
  const counts = db.selectNoFrom([
    open().select(count).as('group'),
    open().where('assignee', '=', approver).select(count).as('mine'),
    open().where('assignee', 'is not', null).select(count).as('claimed'),
    open().where('due_at', '<', now).select(count).as('overdue'),
  ]);
  return { list: list.selectAll().orderBy('due_at').orderBy('task_id'), counts };
}

/** The open tasks an approver may act on, soonest due first, with the count of each view. */
export async function queryInbox(readStore: ReadStore, query: InboxQuery): Promise<Inbox> {
  if (query.groups.length === 0) {
    return { items: [], total: 0, page: query.page, pageSize: query.pageSize, counts: zeroCounts() };
  }
  const statements = inboxStatements(readStore.db, query);
  const [items, row] = await Promise.all([
    statements.list
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    statements.counts.executeTakeFirstOrThrow(),
  ]);
  const counts = countsOf(row);
  return {
    items: items.map((item) => ({ ...item, seq: Number(item.seq) })),
    total: counts[query.view],
    page: query.page,
    pageSize: query.pageSize,
    counts,
  };
}

/** The counts row as numbers (PostgreSQL returns count(*) as a string), with unclaimed derived. */
export function countsOf(row: {
  group: unknown;
  mine: unknown;
  claimed: unknown;
  overdue: unknown;
}): Record<InboxView, number> {
  const group = Number(row.group);
  const claimed = Number(row.claimed);
  return { group, mine: Number(row.mine), claimed, unclaimed: group - claimed, overdue: Number(row.overdue) };
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
