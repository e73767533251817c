import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { JurisdictionCatalog } from '@liaison/domain';
import type { ReadStore } from '../read-store';
import type { NoticeRow } from './schema';

export interface NoticeView {
  noticeId: string;
  deadlineId: string;
  kind: string;
  /** A task's kind: `retention` or `ruling` (null for other deadlines, and notices sent before tasks had kinds). */
  taskKind: string | null;
  step: string;
  subjectId: string;
  officeId: string | null;
  unitId: string;
  title: string;
  message: string;
  dueAt: string;
  sentAt: string;
  circulate: boolean;
  readAt: string | null;
}

/** Whom a user's notices are for: their audiences (`user:…`, `approvers:…`, …) and their name for the reads. */
export interface NoticeReader {
  audiences: string[];
  username: string;
}

export interface NoticePage {
  items: NoticeView[];
  /** Of the notices asked for (only the unread ones when `unread`). */
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** A reader's notices, newest first, with the number unread. */
export class MyNoticesQuery extends Query<NoticePage> {
  constructor(
    readonly reader: NoticeReader,
    readonly unread: boolean,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}

/** One notice as its reader sees it; undefined when it is not theirs (or does not exist). */
export class ReaderNoticeQuery extends Query<NoticeView | undefined> {
  constructor(
    readonly reader: NoticeReader,
    readonly noticeId: string,
  ) {
    super();
  }
}

export interface CirculationItem {
  deadlineId: string;
  kind: string;
  taskKind: string | null;
  subjectId: string;
  officeId: string | null;
  unitId: string;
  title: string;
  dueAt: string;
  listedAt: string;
}

/** What lies within a supervisor's reach: everything, the subtree under a unit, or nothing. */
export type CirculationScope = { kind: 'all' } | { kind: 'within'; unitId: string } | { kind: 'none' };

/** Overdue items that reached the leading group, to circulate (通报), within a scope. */
export class CirculationQuery extends Query<{
  items: CirculationItem[];
  total: number;
  page: number;
  pageSize: number;
}> {
  constructor(
    readonly scope: CirculationScope,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}

function view(row: Omit<NoticeRow, 'audience'> & { read_at: string | null }): NoticeView {
  return {
    noticeId: row.notice_id,
    deadlineId: row.deadline_id,
    kind: row.kind,
    taskKind: row.task_kind,
    step: row.step,
    subjectId: row.subject_id,
    officeId: row.office_id,
    unitId: row.unit_id,
    title: row.title,
    message: row.message,
    dueAt: row.due_at,
    sentAt: row.sent_at,
    circulate: row.circulate === 1,
    readAt: row.read_at,
  };
}

/** The notices addressed to any of the reader's audiences, each with when the reader read it. */
function visible(readStore: ReadStore, { audiences, username }: NoticeReader) {
  return readStore.db
    .selectFrom('notices')
    .leftJoin('notice_reads', (join) =>
      join
        .onRef('notice_reads.notice_id', '=', 'notices.notice_id')
        .on('notice_reads.username', '=', username),
    )
    .select([
      'notices.notice_id',
      'notices.deadline_id',
      'notices.kind',
      'notices.task_kind',
      'notices.step',
      'notices.subject_id',
      'notices.office_id',
      'notices.unit_id',
      'notices.title',
      'notices.message',
      'notices.due_at',
      'notices.sent_at',
      'notices.circulate',
      'notices.seq',
      'notice_reads.read_at',
    ])
    .distinct()
    .where('notices.audience', 'in', audiences);
}

@QueryHandler(MyNoticesQuery)
export class MyNoticesHandler implements IQueryHandler<MyNoticesQuery, NoticePage> {
  constructor(private readonly readStore: ReadStore) {}

  async execute({ reader, unread, page, pageSize }: MyNoticesQuery): Promise<NoticePage> {
    const base = visible(this.readStore, reader);
    const filtered = unread ? base.where('notice_reads.read_at', 'is', null) : base;
    const [items, totals] = await Promise.all([
      filtered
        .orderBy('notices.seq', 'desc')
        .orderBy('notices.notice_id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      this.readStore.db
        .selectFrom(base.as('visible'))
        .select((eb) => [eb.fn.countAll().as('total'), eb.fn.count('visible.read_at').as('read')])
        .executeTakeFirstOrThrow(),
    ]);
    const total = Number(totals.total);
    const unreadCount = total - Number(totals.read);
    return {
      items: items.map(view),
      total: unread ? unreadCount : total,
      unread: unreadCount,
      page,
      pageSize,
    };
  }
}

@QueryHandler(ReaderNoticeQuery)
export class ReaderNoticeHandler implements IQueryHandler<ReaderNoticeQuery, NoticeView | undefined> {
  constructor(private readonly readStore: ReadStore) {}

  async execute({ reader, noticeId }: ReaderNoticeQuery): Promise<NoticeView | undefined> {
    const row = await visible(this.readStore, reader)
      .where('notices.notice_id', '=', noticeId)
      .executeTakeFirst();
    return row && view(row);
  }
}

@QueryHandler(CirculationQuery)
export class CirculationHandler implements IQueryHandler<CirculationQuery> {
  constructor(
    private readonly readStore: ReadStore,
    private readonly jurisdictions: JurisdictionCatalog,
  ) {}

  async execute({ scope, page, pageSize }: CirculationQuery) {
    const rows = await this.readStore.db
      .selectFrom('notices')
      .select([
        'notice_id',
        'deadline_id',
        'kind',
        'task_kind',
        'subject_id',
        'office_id',
        'unit_id',
        'title',
        'due_at',
        'sent_at',
      ])
      .distinct()
      .where('circulate', '=', 1)
      .orderBy('due_at')
      .orderBy('notice_id')
      .execute();
    const within = rows.filter(
      (row) =>
        scope.kind === 'all' ||
        (scope.kind === 'within' &&
          this.jurisdictions.find(row.unit_id) !== undefined &&
          this.jurisdictions.isWithin(row.unit_id, scope.unitId)),
    );
    const items = within.slice((page - 1) * pageSize, page * pageSize).map((row) => ({
      deadlineId: row.deadline_id,
      kind: row.kind,
      taskKind: row.task_kind,
      subjectId: row.subject_id,
      officeId: row.office_id,
      unitId: row.unit_id,
      title: row.title,
      dueAt: row.due_at,
      listedAt: row.sent_at,
    }));
    return { items, total: within.length, page, pageSize };
  }
}
