import type { ReadModelSchema } from '../read-model-schema';

/** One notice as one audience sees it: a row per notice and audience. */
export interface NoticeRow {
  notice_id: string;
  audience: string;
  deadline_id: string;
  kind: string;
  /** A task deadline's task kind (`retention`, `ruling`); null for other deadlines and for older notices. */
  task_kind: string | null;
  step: string;
  subject_id: string;
  office_id: string | null;
  unit_id: string;
  title: string;
  message: string;
  due_at: string;
  sent_at: string;
  /** 1 when listed for circulation (通报). */
  circulate: number;
  seq: number;
}

export interface NoticeReadRow {
  username: string;
  notice_id: string;
  read_at: string;
}

export interface NoticeTables {
  notices: NoticeRow;
  notice_reads: NoticeReadRow;
}

export const noticeSchema: ReadModelSchema<NoticeTables> = {
  tables: ['notices', 'notice_reads'],
  async migrate(db) {
    await db.schema
      .createTable('notices')
      .ifNotExists()
      .addColumn('notice_id', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('deadline_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('task_kind', 'text')
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('office_id', 'text')
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addColumn('circulate', 'integer', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('notices_pk', ['notice_id', 'audience'])
      .execute();
    await db.schema
      .createIndex('notices_audience')
      .ifNotExists()
      .on('notices')
      .columns(['audience', 'seq'])
      .execute();
    await db.schema
      .createIndex('notices_circulate')
      .ifNotExists()
      .on('notices')
      .columns(['circulate', 'seq'])
      .execute();
    await db.schema
      .createTable('notice_reads')
      .ifNotExists()
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('notice_id', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notice_reads_pk', ['username', 'notice_id'])
      .execute();
  },
};
