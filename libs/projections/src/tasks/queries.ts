import { sql, type CompiledQuery, type Kysely } from 'kysely';
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
  const shape = inboxShape(readStore.db, query);
  const [items, counted] = await Promise.all([
    readStore.db.executeQuery<TaskRow>(shape.list(query)),
    readStore.db.executeQuery<CountsRow>(shape.counts(query)),
  ]);
  const row = counted.rows[0];
  if (!row) throw new Error('the inbox counts statement returned no row');
  const counts = countsOf(row);
  return {
    items: items.rows.map((item) => ({ ...item, seq: Number(item.seq) })),
    total: counts[query.view],
    page: query.page,
    pageSize: query.pageSize,
    counts,
  };
}

interface CountsRow {
  group: unknown;
  mine: unknown;
  claimed: unknown;
  overdue: unknown;
}

/** The inbox's two statements for one shape of call, filled in with a call's values. */
interface InboxShape {
  list(query: InboxQuery): CompiledQuery<TaskRow>;
  counts(query: InboxQuery): CompiledQuery<CountsRow>;
}

/** Inbox shapes compiled so far, by read store; a few per approver view and filter in use. */
const shapes = new WeakMap<Kysely<TaskTables>, Map<string, InboxShape>>();
/** Stand-ins for the page size and offset (the statements' only numbers), told apart from every other value. */
const PAGE_SIZE = -7_001;
const OFFSET = -7_002;

/**
 * Building and compiling the statements with Kysely costs about as much as running them, and an approver's calls
 * differ only in their values: each shape (view, how many groups and units, which filters) is compiled once with a
 * stand-in for each value, and a call's statements are those with its own values put in the stand-ins' places.
 */
function inboxShape(db: Kysely<TaskTables>, query: InboxQuery): InboxShape {
  const filter = query.filter ?? {};
  const key = [
    query.view,
    query.groups.length,
    filter.sponsorUnitIds?.length ?? '-',
    filter.tier ? 't' : '',
    filter.ruleId ? 'r' : '',
    filter.officeName ? 'n' : '',
  ].join('|');
  let known = shapes.get(db);
  if (!known) shapes.set(db, (known = new Map()));
  const cached = known.get(key);
  if (cached) return cached;
  // Every stand-in is a value no call can give (it begins with NUL), so each parameter is one value's or a constant.
  const values = new Map<unknown, (call: InboxQuery) => unknown>();
  const stand = (name: string, value: (call: InboxQuery) => unknown) => {
    const text = `\u0000${name}`;
    values.set(text, value);
    return text;
  };
  const standIn: InboxQuery = {
    ...query,
    groups: query.groups.map((_, i) => stand(`group${i}`, (call) => call.groups[i])),
    approver: stand('approver', (call) => call.approver),
    now: stand('now', (call) => call.now),
    filter: {
      ...(filter.sponsorUnitIds
        ? {
            sponsorUnitIds: filter.sponsorUnitIds.map((_, i) =>
              stand(`unit${i}`, (call) => call.filter!.sponsorUnitIds![i]),
            ),
          }
        : {}),
      ...(filter.tier ? { tier: stand('tier', (call) => call.filter!.tier) } : {}),
      ...(filter.ruleId ? { ruleId: stand('rule', (call) => call.filter!.ruleId) } : {}),
      ...(filter.officeName ? { officeName: stand('name', (call) => call.filter!.officeName) } : {}),
    },
  };
  if (filter.officeName) {
    values.set(containsPattern(standIn.filter!.officeName!), (call) =>
      containsPattern(call.filter!.officeName!),
    );
  }
  values.set(PAGE_SIZE, (call) => call.pageSize);
  values.set(OFFSET, (call) => (call.page - 1) * call.pageSize);
  const statements = inboxStatements(db, standIn);
  const filled = <R>(compiled: CompiledQuery<R>) => {
    const fill = compiled.parameters.map((parameter) => values.get(parameter) ?? (() => parameter));
    return (call: InboxQuery): CompiledQuery<R> => ({
      ...compiled,
      parameters: fill.map((value) => value(call)),
    });
  };
  const shape: InboxShape = {
    list: filled(statements.list.limit(PAGE_SIZE).offset(OFFSET).compile() as CompiledQuery<TaskRow>),
    counts: filled(statements.counts.compile() as CompiledQuery<CountsRow>),
  };
  known.set(key, shape);
  return shape;
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
