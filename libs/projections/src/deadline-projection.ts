import type { Transaction } from 'kysely';
import {
  abolitionDeadlineId,
  CAMPAIGN_STREAM,
  DEADLINE_STREAM_PREFIX,
  filingDeadlineId,
  mustBeAbolished,
  NOTICE_READS_STREAM_PREFIX,
  PHASE_DEADLINE_KIND,
  taskDeadlineId,
  UNIT_STREAM_PREFIX,
  type CampaignEvent,
  type DeadlineNoticeSent,
  type JurisdictionCatalog,
  type NoticeRead,
  type Phase,
  type UnitEvent,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import { OFFICE_STREAM_PREFIX } from '@liaison/domain';
import { type Projection } from './office-projection';
import {
  nextChangeSeq,
  type DeadlineRow,
  type NoticeRow,
  type ReadDb,
  type ReadStore,
  type SqliteDatabase,
  type SqliteStatement,
} from './read-store';
import { TASK_EVENTS } from './task-projection';

const IDS_PER_SELECT = 900;

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

  constructor(private readonly jurisdictions: JurisdictionCatalog) {}

  async applyBatch(
    trx: Transaction<ReadDb>,
    events: readonly RecordedEvent[],
    store?: ReadStore,
  ): Promise<void> {
    this.sqlite = store?.sqlite;
    const offices = new Set<string>();
    const notices: NoticeRow[] = [];
    const lastStep = new Map<string, string>();
    const reads: { username: string; notice_id: string; read_at: string }[] = [];
    const touched = new Set<string>();
    const rejected = new Set<string>();
    let changeSeq: number | undefined;
    const seq = async () => (changeSeq ??= await nextChangeSeq(trx));
    for (const recorded of events) {
      if (recorded.streamId.startsWith(OFFICE_STREAM_PREFIX)) {
        const officeId = recorded.streamId.slice(OFFICE_STREAM_PREFIX.length);
        touched.add(officeId);
        if (TASK_EVENTS.has(recorded.type)) offices.add(officeId);
        if (recorded.type === 'RetentionRejected') rejected.add(officeId);
      } else if (recorded.streamId === CAMPAIGN_STREAM) {
        await this.followCampaign(trx, recorded as unknown as CampaignEvent, seq);
      } else if (recorded.streamId.startsWith(UNIT_STREAM_PREFIX)) {
        await this.followFiling(trx, recorded as unknown as UnitEvent, seq);
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
    if (offices.size > 0) await this.followTasks(trx, offices, seq);
    if (touched.size > 0) await this.followAbolitions(trx, [...touched], seq, rejected);
    // A step sent is a change the scheduler acts on: it schedules the next one.
    for (const [deadlineId, step] of lastStep) {
      await trx
        .updateTable('deadlines')
        .set({ last_step: step, changed_seq: await seq() })
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

  private async followTasks(
    trx: Transaction<ReadDb>,
    offices: Set<string>,
    seq: () => Promise<number>,
  ): Promise<void> {
    const officeIds = [...offices];
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
          changed_seq: await seq(),
        };
        await this.upsert(trx, row);
      }
    }
  }

  /** Launch: a work plan and a summary deadline per filing unit, and an abolition deadline per office that needs one. */
  private async followCampaign(
    trx: Transaction<ReadDb>,
    event: CampaignEvent,
    seq: () => Promise<number>,
  ): Promise<void> {
    if (event.type === 'CampaignLaunched') {
      const { campaignId, deadlines, filingUnits } = event.data;
      await trx.deleteFrom('campaign_phases').execute();
      for (const phase of Object.keys(deadlines) as Phase[]) {
        await trx
          .insertInto('campaign_phases')
          .values({ phase, campaign_id: campaignId, due_at: deadlines[phase] })
          .execute();
      }
      const filed = new Map(
        (await trx.selectFrom('unit_filings').selectAll().execute()).map((row) => [row.unit_id, row]),
      );
      for (const unitId of filingUnits) {
        for (const kind of ['work-plan', 'work-summary'] as const) {
          const done =
            kind === 'work-plan'
              ? filed.get(unitId)?.work_plan_filed_at
              : filed.get(unitId)?.work_summary_filed_at;
          await this.upsert(trx, {
            deadline_id: filingDeadlineId(kind, unitId),
            kind,
            subject_id: unitId,
            office_id: null,
            unit_id: unitId,
            title: this.jurisdictions.find(unitId)?.name ?? unitId,
            tier: null,
            candidate_group: null,
            assignee: null,
            due_at: deadlines[kind === 'work-plan' ? 'plan' : 'summary'],
            previous_due_at: null,
            status: done ? 'met' : 'pending',
            last_step: null,
            changed_seq: await seq(),
          });
        }
      }
      const offices = await trx.selectFrom('offices').select('office_id').execute();
      for (let i = 0; i < offices.length; i += IDS_PER_SELECT) {
        await this.followAbolitions(
          trx,
          offices.slice(i, i + IDS_PER_SELECT).map((row) => row.office_id),
          seq,
        );
      }
    } else {
      const { phase, to } = event.data;
      await trx.updateTable('campaign_phases').set({ due_at: to }).where('phase', '=', phase).execute();
      // Every deadline of the phase still pending moves with it; the scheduler drops the jobs of the old date.
      const changed = await seq();
      await trx
        .updateTable('deadlines')
        .set((eb) => ({ previous_due_at: eb.ref('due_at'), due_at: to, changed_seq: changed }))
        .where('kind', '=', PHASE_DEADLINE_KIND[phase])
        .where('status', '=', 'pending')
        .execute();
    }
  }

  private async followFiling(
    trx: Transaction<ReadDb>,
    event: UnitEvent,
    seq: () => Promise<number>,
  ): Promise<void> {
    const { unitId, filedAt } = event.data;
    const column = event.type === 'WorkPlanFiled' ? 'work_plan_filed_at' : 'work_summary_filed_at';
    const existing = await trx
      .selectFrom('unit_filings')
      .selectAll()
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    if (!existing) {
      await trx
        .insertInto('unit_filings')
        .values({ unit_id: unitId, work_plan_filed_at: null, work_summary_filed_at: null, [column]: filedAt })
        .execute();
    } else if (existing[column] === null) {
      await trx
        .updateTable('unit_filings')
        .set({ [column]: filedAt })
        .where('unit_id', '=', unitId)
        .execute();
    }
    const deadlineId = filingDeadlineId(
      event.type === 'WorkPlanFiled' ? 'work-plan' : 'work-summary',
      unitId,
    );
    await trx
      .updateTable('deadlines')
      .set({ status: 'met', changed_seq: await seq() })
      .where('deadline_id', '=', deadlineId)
      .where('status', '=', 'pending')
      .execute();
  }

  /**
   * An office the plan or a rejection says to abolish must be abolished by the end of the carry-out phase:
   * pending until abolished (met), or cancelled if it ends up retained after all (a ruling, a later approval).
   */
  private async followAbolitions(
    trx: Transaction<ReadDb>,
    officeIds: string[],
    seq: () => Promise<number>,
    rejectedInBatch: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    const phase = await trx
      .selectFrom('campaign_phases')
      .select('due_at')
      .where('phase', '=', 'carry-out')
      .executeTakeFirst();
    if (!phase) return;
    for (let i = 0; i < officeIds.length; i += IDS_PER_SELECT) {
      const chunk = officeIds.slice(i, i + IDS_PER_SELECT);
      const offices = await trx
        .selectFrom('offices')
        .select(['office_id', 'name', 'sponsor_unit_id', 'status', 'required_outcome'])
        .where('office_id', 'in', chunk)
        .execute();
      const existing = new Map(
        (
          await trx
            .selectFrom('deadlines')
            .selectAll()
            .where('deadline_id', 'in', chunk.map(abolitionDeadlineId))
            .execute()
        ).map((row) => [row.deadline_id, row]),
      );
      for (const office of offices) {
        const mustAbolish = mustBeAbolished(office.status, office.required_outcome);
        const done = office.status === 'abolished' || office.status === 'closed';
        const deadlineId = abolitionDeadlineId(office.office_id);
        const before = existing.get(deadlineId);
        const status = mustAbolish ? 'pending' : done ? 'met' : 'cancelled';
        // Abolished within the same batch that made it necessary: the deadline existed and was met, however the
        // log was cut into batches (a rebuild's are large).
        const metAtOnce =
          done && (office.required_outcome === 'abolish' || rejectedInBatch.has(office.office_id));
        if (!before && !mustAbolish && !metAtOnce) continue;
        if (before && before.status === status) continue;
        await this.upsert(trx, {
          deadline_id: deadlineId,
          kind: 'abolition',
          subject_id: office.office_id,
          office_id: office.office_id,
          unit_id: office.sponsor_unit_id,
          title: office.name,
          tier: null,
          candidate_group: null,
          assignee: null,
          due_at: before?.due_at ?? phase.due_at,
          previous_due_at: before?.previous_due_at ?? null,
          status,
          last_step: before?.last_step ?? null,
          changed_seq: await seq(),
        });
      }
    }
  }

  private async upsert(trx: Transaction<ReadDb>, row: DeadlineRow): Promise<void> {
    if (this.sqlite) {
      // On SQLite a statement prepared once, run on the transaction's own connection: a replay upserts a
      // deadline for most retention requests it meets.
      if (this.prepared?.database !== this.sqlite) {
        this.prepared = { database: this.sqlite, statement: this.sqlite.prepare(UPSERT_DEADLINE) };
      }
      this.prepared.statement.run(row);
      return;
    }
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

  private sqlite?: SqliteDatabase;
  private prepared?: { database: SqliteDatabase; statement: SqliteStatement };
}

const DEADLINE_COLUMNS = [
  'deadline_id',
  'kind',
  'subject_id',
  'office_id',
  'unit_id',
  'title',
  'tier',
  'candidate_group',
  'assignee',
  'due_at',
  'previous_due_at',
  'status',
  'last_step',
  'changed_seq',
] as const;

const UPSERT_DEADLINE =
  `INSERT INTO deadlines (${DEADLINE_COLUMNS.join(', ')}) VALUES (${DEADLINE_COLUMNS.map((c) => `@${c}`).join(', ')}) ` +
  'ON CONFLICT (deadline_id) DO UPDATE SET assignee = excluded.assignee, due_at = excluded.due_at, ' +
  'previous_due_at = excluded.previous_due_at, status = excluded.status, changed_seq = excluded.changed_seq';
