import type { Transaction } from 'kysely';
import {
  OFFICE_STREAM_PREFIX,
  type JurisdictionCatalog,
  type OfficeEvent,
  type OfficeRegistered,
  type Tier,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import { chunks, type Projection } from '../projection';
import type { ReadStore } from '../read-store';
import { RowWriter } from '../row-writer';
import { candidateGroup, TASK_EVENTS, taskIdOf, taskJurisdiction, taskStep } from './approval-tasks';
import type { TaskOfficeRow, TaskRow, TaskTables } from './schema';
import { taskChangeOf, type TaskChange, type TaskChangePublisher } from './task-changes';

/** Offices remembered between batches; past this the memory starts over (the table has them all). */
const OFFICES_IN_MEMORY = 500_000;

const TASK_COLUMNS: readonly (keyof TaskRow)[] = [
  'task_id',
  'kind',
  'office_id',
  'office_name',
  'sponsor_unit_id',
  'rule_id',
  'tier',
  'jurisdiction_id',
  'candidate_group',
  'assignee',
  'status',
  'outcome',
  'reasoning',
  'created_at',
  'due_at',
  'closed_at',
  'office_version',
  'seq',
];

/**
 * The approvers' tasks (see approval-tasks.ts). The office's name and sponsor, which every task of it carries,
 * come from its registration: this read model keeps them in `task_offices`, and in memory.
 */
export class TaskInboxProjection implements Projection {
  readonly name = 'tasks';
  /** Names and sponsors never change once registered; kept so a task can be opened without a lookup. */
  private readonly offices = new Map<string, TaskOfficeRow>();
  private readonly tasks = new RowWriter<TaskRow>({
    table: 'tasks',
    columns: TASK_COLUMNS,
    key: ['task_id'],
    update: ['assignee', 'status', 'outcome', 'reasoning', 'closed_at', 'office_version', 'due_at'],
  });
  private readonly registrations = new RowWriter<TaskOfficeRow>({
    table: 'task_offices',
    columns: ['office_id', 'name', 'sponsor_unit_id', 'rule_id'],
    key: ['office_id'],
    update: [],
  });

  /** The changes of the batch being applied: published once its transaction has committed, never before. */
  private pending: TaskChange[] = [];

  constructor(
    private readonly jurisdictions: JurisdictionCatalog,
    private readonly changes?: TaskChangePublisher,
  ) {}

  invalidate(): void {
    this.offices.clear();
    this.pending = [];
  }

  committed(): void {
    const changes = this.pending;
    this.pending = [];
    if (changes.length > 0) this.changes?.publish(changes);
  }

  jurisdictionOf(sponsorUnitId: string, tier: Tier): string {
    return taskJurisdiction(this.jurisdictions, sponsorUnitId, tier);
  }

  async applyBatch(
    trx: Transaction<TaskTables>,
    events: readonly RecordedEvent[],
    store: ReadStore,
  ): Promise<void> {
    const registered = await this.register(trx, events, store);
    const relevant = events.filter(
      (e) => e.streamId.startsWith(OFFICE_STREAM_PREFIX) && TASK_EVENTS.has(e.type),
    );
    if (relevant.length === 0) return;
    const officeIds = [...new Set(relevant.map((e) => e.streamId.slice(OFFICE_STREAM_PREFIX.length)))];
    // The open task of each office this batch touches (none yet for one registered within it), and what is needed
    // to open new ones.
    const open = new Map<string, TaskRow>();
    for (const chunk of chunks(officeIds.filter((id) => !registered.has(id)))) {
      const rows = await trx
        .selectFrom('tasks')
        .selectAll()
        .where('office_id', 'in', chunk)
        .where('status', '=', 'open')
        .execute();
      for (const row of rows) open.set(row.office_id, { ...row, seq: Number(row.seq) });
    }
    for (const chunk of chunks(officeIds.filter((id) => !this.offices.has(id)))) {
      const rows = await trx.selectFrom('task_offices').selectAll().where('office_id', 'in', chunk).execute();
      for (const row of rows) this.offices.set(row.office_id, row);
    }
    const changed = new Map<string, TaskRow>();
    const arrived = new Set<string>();
    for (const recorded of relevant) {
      const step = taskStep({ type: recorded.type, data: recorded.data } as OfficeEvent);
      if (!step) continue;
      const officeId = recorded.streamId.slice(OFFICE_STREAM_PREFIX.length);
      const at = recorded.metadata.occurredAt;
      const version = Number(recorded.revision) + 1;
      const current = open.get(officeId);
      if (step.close !== undefined && current) {
        current.status = 'done';
        current.outcome = step.close;
        current.reasoning = step.ruling?.reasoning ?? null;
        current.closed_at = at;
        current.office_version = version;
        changed.set(current.task_id, current);
        open.delete(officeId);
      }
      if (step.open !== undefined) {
        const office = this.offices.get(officeId);
        if (!office) throw new Error(`task for office ${officeId}, which the read models do not know`);
        const tier = step.open;
        const jurisdiction = this.jurisdictionOf(office.sponsor_unit_id, tier);
        const task: TaskRow = {
          task_id: taskIdOf(officeId, recorded.revision),
          kind: step.kind ?? 'retention',
          office_id: officeId,
          office_name: office.name,
          sponsor_unit_id: office.sponsor_unit_id,
          rule_id: office.rule_id,
          tier,
          jurisdiction_id: jurisdiction,
          candidate_group: candidateGroup(tier, jurisdiction),
          assignee: null,
          status: 'open',
          outcome: null,
          reasoning: null,
          created_at: at,
          // The DeadlineSet recorded with this event follows it in the same append.
          due_at: null,
          closed_at: null,
          office_version: version,
          seq: Number(recorded.position.commit),
        };
        open.set(officeId, task);
        changed.set(task.task_id, task);
        arrived.add(task.task_id);
      }
      if (step.assign !== undefined && current) {
        current.assignee = step.assign.to;
        current.office_version = version;
        changed.set(current.task_id, current);
      }
      if (step.due !== undefined) {
        if (current?.task_id === step.due.taskId) {
          current.due_at = step.due.dueAt;
          current.office_version = version;
          changed.set(current.task_id, current);
        } else {
          // A task decided before its due date was recorded (a migrated log): the row keeps its version.
          const row = changed.get(step.due.taskId) ?? (await this.taskRow(trx, step.due.taskId));
          if (row) {
            row.due_at = step.due.dueAt;
            changed.set(row.task_id, row);
          }
        }
      }
    }
    await this.tasks.write(trx, store, changed.values());
    if (this.changes) {
      for (const row of changed.values()) this.pending.push(taskChangeOf(row, arrived.has(row.task_id)));
    }
  }

  private async taskRow(trx: Transaction<TaskTables>, taskId: string): Promise<TaskRow | undefined> {
    const row = await trx.selectFrom('tasks').selectAll().where('task_id', '=', taskId).executeTakeFirst();
    return row && { ...row, seq: Number(row.seq) };
  }

  /**
   * Keeps each office registered in the batch (its tasks, in this batch or a later one, carry its name); returns
   * their ids.
   */
  private async register(
    trx: Transaction<TaskTables>,
    events: readonly RecordedEvent[],
    store: ReadStore,
  ): Promise<Set<string>> {
    if (this.offices.size > OFFICES_IN_MEMORY) this.offices.clear();
    const registered: TaskOfficeRow[] = [];
    for (const recorded of events) {
      if (recorded.type !== 'OfficeRegistered' || !recorded.streamId.startsWith(OFFICE_STREAM_PREFIX))
        continue;
      const { officeId, name, sponsorUnitId, disposition } = (recorded as unknown as OfficeRegistered).data;
      const row = { office_id: officeId, name, sponsor_unit_id: sponsorUnitId, rule_id: disposition.ruleId };
      this.offices.set(officeId, row);
      registered.push(row);
    }
    await this.registrations.write(trx, store, registered);
    return new Set(registered.map((row) => row.office_id));
  }
}
