import type { Transaction } from 'kysely';
import {
  DEADLINE_STREAM_PREFIX,
  NOTICE_READS_STREAM_PREFIX,
  type DeadlineNoticeSent,
  type NoticeRead,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import type { Projection } from '../projection';
import type { ReadStore } from '../read-store';
import { RowWriter } from '../row-writer';
import type { NoticeReadRow, NoticeRow, NoticeTables } from './schema';

/** `<deadlineId>.<step>`: one notice per deadline and step. */
export function noticeId(deadlineId: string, step: string): string {
  return `${deadlineId}.${step}`;
}

const NOTICE_COLUMNS: readonly (keyof NoticeRow)[] = [
  'notice_id',
  'audience',
  'deadline_id',
  'kind',
  'task_kind',
  'step',
  'subject_id',
  'office_id',
  'unit_id',
  'title',
  'message',
  'due_at',
  'sent_at',
  'circulate',
  'seq',
];

/** The notices people read (a row per notice and audience), and which of them each person has read. */
export class NoticeProjection implements Projection {
  readonly name = 'notices';
  private readonly notices = new RowWriter<NoticeRow>({
    table: 'notices',
    columns: NOTICE_COLUMNS,
    key: ['notice_id', 'audience'],
    update: [],
  });
  private readonly reads = new RowWriter<NoticeReadRow>({
    table: 'notice_reads',
    columns: ['username', 'notice_id', 'read_at'],
    key: ['username', 'notice_id'],
    update: [],
  });

  async applyBatch(
    trx: Transaction<NoticeTables>,
    events: readonly RecordedEvent[],
    store: ReadStore,
  ): Promise<void> {
    const notices: NoticeRow[] = [];
    const reads: NoticeReadRow[] = [];
    for (const recorded of events) {
      if (recorded.type === 'DeadlineNoticeSent' && recorded.streamId.startsWith(DEADLINE_STREAM_PREFIX)) {
        const { data } = recorded as unknown as DeadlineNoticeSent;
        for (const audience of data.audience) {
          notices.push({
            notice_id: noticeId(data.deadlineId, data.step),
            audience,
            deadline_id: data.deadlineId,
            kind: data.kind,
            task_kind: data.taskKind ?? null,
            step: data.step,
            subject_id: data.subjectId,
            office_id: data.officeId ?? null,
            unit_id: data.unitId,
            title: data.title,
            message: data.message,
            due_at: data.dueAt,
            sent_at: data.sentAt,
            circulate: data.circulate ? 1 : 0,
            seq: Number(recorded.position.commit),
          });
        }
      } else if (recorded.type === 'NoticeRead' && recorded.streamId.startsWith(NOTICE_READS_STREAM_PREFIX)) {
        const { data } = recorded as unknown as NoticeRead;
        reads.push({ username: data.username, notice_id: data.noticeId, read_at: data.readAt });
      }
    }
    await this.notices.write(trx, store, notices);
    await this.reads.write(trx, store, reads);
  }
}
