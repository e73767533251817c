import type { Transaction } from 'kysely';
import { DEADLINE_STREAM_PREFIX, taskDeadlineId, type DeadlineNoticeSent } from '../../domain/src';
import type { RecordedEvent } from '../../event-store/src';
import { OFFICE_STREAM_PREFIX, type Projection } from './office-projection';
import { nextChangeSeq, type DeadlineRow, type NoticeRow, type ReadDb } from './read-store';
import { TASK_EVENTS } from './task-projection';

const IDS_PER_SELECT = 900;

export const NOTICE_READS_STREAM_PREFIX = 'notice-reads-';

export function noticeReadsStreamId(username: string): string {
  return `${NOTICE_READS_STREAM_PREFIX}${username}`;
}

export interface NoticeRead {
  type: 'NoticeRead';
  data: { username: string; noticeId: string; readAt: string };
}

/** `<deadlineId>.<step>`: one notice per deadline and step. */
export function noticeId(deadlineId: string, step: string): string {
  return `${deadlineId}.${step}`;
}

/**
 * The deadlines the scheduler watches, and the notices people read. Runs after the task projection in the same
 * transaction: a task deadline follows the task row (open → pending, decided → met, superseded by a resubmission →
 * cancelled), so the due date is computed in one place. Each change the scheduler must act on gets the next number
 * of a counter in `changed_seq`, its feed of changes (a counter, not a log position, so that re-dating open tasks
 * after an SLA change can append to the feed too).
 */
export class DeadlineProjection implements Projection {
  readonly name = 'deadlines';

  async applyBatch(trx: Transaction<ReadDb>, events: readonly RecordedEvent[]): Promise<void> {
    const offices = new Set<string>();
    const notices: NoticeRow[] = [];
    const lastStep = new Map<string, string>();
    const reads: { username: string; notice_id: string; read_at: string }[] = [];
    for (const recorded of events) {
      if (recorded.streamId.startsWith(OFFICE_STREAM_PREFIX)) {
        if (TASK_EVENTS.has(recorded.type)) offices.add(recorded.streamId.slice(OFFICE_STREAM_PREFIX.length));
      } else if (recorded.streamId.startsWith(DEADLINE_STREAM_PREFIX)) {
        if (recorded.type !== 'DeadlineNoticeSent') continue;
        const { data } = recorded as unknown as DeadlineNoticeSent;
        lastStep.set(data.deadlineId, data.step);
        for (const audience of data.audience) {
          notices.push({
            notice_id: noticeId(data.deadlineId, data.step),
            audience,
            deadline_id: data.deadlineId,
            kind: data.kind,
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
      } else if (recorded.streamId.startsWith(NOTICE_READS_STREAM_PREFIX)) {
        if (recorded.type !== 'NoticeRead') continue;
        const { data } = recorded as unknown as NoticeRead;
        reads.push({ username: data.username, notice_id: data.noticeId, read_at: data.readAt });
      }
    }
    if (offices.size > 0) await this.followTasks(trx, offices);
    for (const [deadlineId, step] of lastStep) {
      await trx
        .updateTable('deadlines')
        .set({ last_step: step })
        .where('deadline_id', '=', deadlineId)
        .execute();
    }
    for (const notice of notices) {
      await trx
        .insertInto('notices')
        .values(notice)
        .onConflict((c) => c.columns(['notice_id', 'audience']).doNothing())
        .execute();
    }
    for (const read of reads) {
      await trx
        .insertInto('notice_reads')
        .values(read)
        .onConflict((c) => c.columns(['username', 'notice_id']).doNothing())
        .execute();
    }
  }

  private async followTasks(trx: Transaction<ReadDb>, offices: Set<string>): Promise<void> {
    const officeIds = [...offices];
    let changeSeq: number | undefined;
    for (let i = 0; i < officeIds.length; i += IDS_PER_SELECT) {
      const chunk = officeIds.slice(i, i + IDS_PER_SELECT);
      const tasks = await trx.selectFrom('tasks').selectAll().where('office_id', 'in', chunk).execute();
      if (tasks.length === 0) continue;
      const existing = new Map<string, DeadlineRow>();
      const ids = tasks.map((task) => taskDeadlineId(task.task_id));
      for (let j = 0; j < ids.length; j += IDS_PER_SELECT) {
        const rows = await trx
          .selectFrom('deadlines')
          .selectAll()
          .where('deadline_id', 'in', ids.slice(j, j + IDS_PER_SELECT))
          .execute();
        for (const row of rows) existing.set(row.deadline_id, row);
      }
      for (const task of tasks) {
        const deadlineId = taskDeadlineId(task.task_id);
        const before = existing.get(deadlineId);
        const status =
          task.status === 'open' ? 'pending' : task.outcome === 'superseded' ? 'cancelled' : 'met';
        if (
          before &&
          before.status === status &&
          before.due_at === task.due_at &&
          before.assignee === task.assignee
        ) {
          continue;
        }
        const row: DeadlineRow = {
          deadline_id: deadlineId,
          kind: 'task',
          subject_id: task.task_id,
          office_id: task.office_id,
          unit_id: task.jurisdiction_id,
          title: task.office_name,
          tier: task.tier,
          candidate_group: task.candidate_group,
          assignee: task.assignee,
          due_at: task.due_at,
          previous_due_at:
            before && before.due_at !== task.due_at ? before.due_at : (before?.previous_due_at ?? null),
          status,
          last_step: before?.last_step ?? null,
          changed_seq: (changeSeq ??= await nextChangeSeq(trx)),
        };
        await trx
          .insertInto('deadlines')
          .values(row)
          .onConflict((c) =>
            c.column('deadline_id').doUpdateSet({
              assignee: row.assignee,
              due_at: row.due_at,
              previous_due_at: row.previous_due_at,
              status: row.status,
              changed_seq: row.changed_seq,
            }),
          )
          .execute();
      }
    }
  }
}
