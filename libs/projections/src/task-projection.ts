import type { Transaction } from 'kysely';
import {
  type JurisdictionCatalog,
  type OfficeEvent,
  type Tier,
  taskDeadlineId,
  type TierSla,
  type WorkingCalendar,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import { OFFICE_STREAM_PREFIX } from '@liaison/domain';
import { type Projection } from './office-projection';
import { nextChangeSeq, type ReadDb, type ReadStore, type TaskRow } from './read-store';
import { readModelsRebuilding } from './rebuild-lock';

const IDS_PER_SELECT = 900;
const ROWS_PER_STATEMENT = 1000;
const UNIT_KIND_OF_TIER: Record<Tier, 'county' | 'city' | 'province'> = {
  county: 'county',
  municipal: 'city',
  provincial: 'province',
};

interface OfficeInfo {
  name: string;
  sponsorUnitId: string;
}

export function candidateGroup(tier: string, jurisdictionId: string): string {
  return `${tier}@${jurisdictionId}`;
}

/**
 * The approvers' tasks: each tier decision a retention request waits for is a task of the approvers of that tier
 * in the sponsor's county, city or province, due a number of working days after it arrived.
 */
export class TaskInboxProjection implements Projection {
  readonly name = 'tasks';
  /** Names and sponsors never change once registered; kept so a task can be opened without a lookup. */
  private readonly offices = new Map<string, OfficeInfo>();

  constructor(
    private readonly jurisdictions: JurisdictionCatalog,
    private readonly sla: TierSla,
    private readonly calendar: WorkingCalendar,
  ) {}

  invalidate(): void {
    this.offices.clear();
  }

  jurisdictionOf(sponsorUnitId: string, tier: Tier): string {
    const unit = this.jurisdictions.nearest(sponsorUnitId, UNIT_KIND_OF_TIER[tier]);
    // A sponsor with no unit of that kind above it (a provincial body) is decided at the province.
    return (
      unit ??
      this.jurisdictions.nearest(sponsorUnitId, 'province') ??
      this.jurisdictions.get(sponsorUnitId)
    ).id;
  }

  async applyBatch(trx: Transaction<ReadDb>, events: readonly RecordedEvent[]): Promise<void> {
    const relevant = events.filter(
      (e) => e.streamId.startsWith(OFFICE_STREAM_PREFIX) && TASK_EVENTS.has(e.type),
    );
    if (relevant.length === 0) {
      this.remember(events);
      return;
    }
    this.remember(events);
    const officeIds = [...new Set(relevant.map((e) => e.streamId.slice(OFFICE_STREAM_PREFIX.length)))];
    // The open task of each office this batch touches, and what is needed to open new ones.
    const open = new Map<string, TaskRow>();
    const unknown = officeIds.filter((id) => !this.offices.has(id));
    for (let i = 0; i < officeIds.length; i += IDS_PER_SELECT) {
      const chunk = officeIds.slice(i, i + IDS_PER_SELECT);
      const rows = await trx
        .selectFrom('tasks')
        .selectAll()
        .where('office_id', 'in', chunk)
        .where('status', '=', 'open')
        .execute();
      for (const row of rows) open.set(row.office_id, { ...row, seq: Number(row.seq) });
    }
    for (let i = 0; i < unknown.length; i += IDS_PER_SELECT) {
      const rows = await trx
        .selectFrom('offices')
        .select(['office_id', 'name', 'sponsor_unit_id'])
        .where('office_id', 'in', unknown.slice(i, i + IDS_PER_SELECT))
        .execute();
      for (const row of rows)
        this.offices.set(row.office_id, { name: row.name, sponsorUnitId: row.sponsor_unit_id });
    }
    const changed = new Map<string, TaskRow>();
    for (const recorded of relevant) {
      const officeId = recorded.streamId.slice(OFFICE_STREAM_PREFIX.length);
      const event = { type: recorded.type, data: recorded.data } as OfficeEvent;
      const at = recorded.metadata.occurredAt;
      const version = Number(recorded.revision) + 1;
      const current = open.get(officeId);
      const close = (outcome: string) => {
        if (!current) return;
        current.status = 'done';
        current.outcome = outcome;
        current.closed_at = at;
        current.office_version = version;
        changed.set(current.task_id, current);
        open.delete(officeId);
      };
      const openAt = (tier: Tier) => {
        const office = this.offices.get(officeId);
        if (!office) throw new Error(`task for office ${officeId}, which the read models do not know`);
        const jurisdiction = this.jurisdictionOf(office.sponsorUnitId, tier);
        const task: TaskRow = {
          task_id: `${officeId}/${recorded.revision}`,
          office_id: officeId,
          office_name: office.name,
          sponsor_unit_id: office.sponsorUnitId,
          tier,
          jurisdiction_id: jurisdiction,
          candidate_group: candidateGroup(tier, jurisdiction),
          assignee: null,
          status: 'open',
          outcome: null,
          created_at: at,
          due_at: this.calendar.add(new Date(at), this.sla[tier]).toISOString(),
          closed_at: null,
          office_version: version,
          seq: Number(recorded.position.commit),
        };
        open.set(officeId, task);
        changed.set(task.task_id, task);
      };
      const touch = (change: (task: TaskRow) => void) => {
        if (!current) return;
        change(current);
        current.office_version = version;
        changed.set(current.task_id, current);
      };
      switch (event.type) {
        case 'RetentionRequested':
        case 'RetentionResubmitted':
          close('superseded');
          openAt(event.data.tier);
          break;
        case 'RetentionForwarded':
          close('forwarded');
          openAt(event.data.toTier);
          break;
        case 'RetentionApproved':
          close('approved');
          break;
        case 'RetentionRejected':
          close('rejected');
          break;
        case 'RetentionReturned':
          close('returned');
          break;
        case 'TaskClaimed':
          touch((task) => (task.assignee = event.data.assignee));
          break;
        case 'TaskDelegated':
          touch((task) => (task.assignee = event.data.to));
          break;
        case 'TaskReleased':
          touch((task) => (task.assignee = null));
          break;
        // The due date as recorded when the task opened, or as moved since.
        case 'DeadlineSet':
        case 'DeadlineMoved':
          if (current?.task_id === event.data.taskId) {
            touch((task) => (task.due_at = event.type === 'DeadlineSet' ? event.data.dueAt : event.data.to));
          }
          break;
        default:
          break;
      }
    }
    const rows = [...changed.values()];
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await trx
        .insertInto('tasks')
        .values(rows.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((c) =>
          c.column('task_id').doUpdateSet((eb) => ({
            assignee: eb.ref('excluded.assignee'),
            due_at: eb.ref('excluded.due_at'),
            status: eb.ref('excluded.status'),
            outcome: eb.ref('excluded.outcome'),
            closed_at: eb.ref('excluded.closed_at'),
            office_version: eb.ref('excluded.office_version'),
          })),
        )
        .execute();
    }
  }

  private remember(events: readonly RecordedEvent[]): void {
    for (const recorded of events) {
      if (recorded.type !== 'OfficeRegistered' || !recorded.streamId.startsWith(OFFICE_STREAM_PREFIX))
        continue;
      const data = recorded.data as { officeId: string; name: string; sponsorUnitId: string };
      this.offices.set(data.officeId, { name: data.name, sponsorUnitId: data.sponsorUnitId });
    }
    if (this.offices.size > 500_000) this.offices.clear();
  }
}

export const TASK_EVENTS = new Set<string>([
  'RetentionRequested',
  'RetentionResubmitted',
  'RetentionForwarded',
  'RetentionApproved',
  'RetentionRejected',
  'RetentionReturned',
  'TaskClaimed',
  'TaskDelegated',
  'TaskReleased',
  'DeadlineSet',
  'DeadlineMoved',
]);

/**
 * Brings the due dates of open tasks in line with the SLAs and calendar now configured, and their deadlines with
 * them (the old due date kept as `previous_due_at`, so the scheduler drops the jobs it set for it). Run by the
 * process that feeds the read models, before it starts: a changed TASK_SLA moves every open task's due date.
 */
export async function redateOpenTasks(
  readStore: ReadStore,
  sla: TierSla,
  calendar: WorkingCalendar,
): Promise<number> {
  // A rebuild computes every due date afresh with the same configuration.
  if (await readModelsRebuilding(readStore)) return 0;
  return readStore.db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('tasks')
      .select(['task_id', 'tier', 'created_at', 'due_at'])
      .where('status', '=', 'open')
      .execute();
    let moved = 0;
    let changeSeq: number | undefined;
    for (const task of open) {
      const due = calendar.add(new Date(task.created_at), sla[task.tier as Tier]).toISOString();
      if (due === task.due_at) continue;
      await trx.updateTable('tasks').set({ due_at: due }).where('task_id', '=', task.task_id).execute();
      await trx
        .updateTable('deadlines')
        .set({
          due_at: due,
          previous_due_at: task.due_at,
          changed_seq: (changeSeq ??= await nextChangeSeq(trx)),
        })
        .where('deadline_id', '=', taskDeadlineId(task.task_id))
        .execute();
      moved++;
    }
    return moved;
  });
}
