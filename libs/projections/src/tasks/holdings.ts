import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { JurisdictionCatalog } from '@liaison/domain';
import type { ReadStore } from '../read-store';

/** What a supervisor may see: everything, the offices sponsored within a unit, or nothing (listScope). */
export type HoldingsScope = { kind: 'all' } | { kind: 'within'; unitId: string } | { kind: 'none' };

export interface HeldTask {
  taskId: string;
  kind: string;
  officeId: string;
  officeName: string;
  sponsorUnitId: string;
  /** When the task reached its tier (the request or forward that opened it). */
  since: string;
  dueAt: string | null;
}

/** The open tasks one approver has claimed, or (assignee null) that wait unclaimed in a candidate group. */
export interface Holding {
  assignee: string | null;
  candidateGroup: string;
  tier: string;
  jurisdictionId: string;
  open: number;
  overdue: number;
  /** The longest-waiting task's `since`. */
  oldestSince: string;
  tasks: HeldTask[];
}

export interface Holdings {
  at: string;
  open: number;
  overdue: number;
  holdings: Holding[];
}

/** Who holds which open tasks across the approvers, within a scope, longest-waiting first. */
export class TaskHoldingsQuery extends Query<Holdings> {
  constructor(
    readonly scope: HoldingsScope,
    readonly now: string,
  ) {
    super();
  }
}

@QueryHandler(TaskHoldingsQuery)
export class TaskHoldingsHandler implements IQueryHandler<TaskHoldingsQuery, Holdings> {
  constructor(
    private readonly readStore: ReadStore,
    private readonly jurisdictions: JurisdictionCatalog,
  ) {}

  async execute({ scope, now }: TaskHoldingsQuery): Promise<Holdings> {
    if (scope.kind === 'none') return { at: now, open: 0, overdue: 0, holdings: [] };
    const rows = await this.readStore.db
      .selectFrom('tasks')
      .select([
        'task_id',
        'kind',
        'office_id',
        'office_name',
        'sponsor_unit_id',
        'tier',
        'jurisdiction_id',
        'candidate_group',
        'assignee',
        'created_at',
        'due_at',
      ])
      .where('status', '=', 'open')
      .orderBy('created_at')
      .orderBy('task_id')
      .execute();
    // As the office list does: an office is within reach when its sponsor lies within the scope's unit.
    const visible = rows.filter(
      (row) =>
        scope.kind === 'all' ||
        (this.jurisdictions.find(row.sponsor_unit_id) !== undefined &&
          this.jurisdictions.isWithin(row.sponsor_unit_id, scope.unitId)),
    );
    const byHolder = new Map<string, Holding>();
    let overdue = 0;
    for (const row of visible) {
      const key = `${row.candidate_group} ${row.assignee ?? ''}`;
      let holding = byHolder.get(key);
      if (!holding) {
        holding = {
          assignee: row.assignee,
          candidateGroup: row.candidate_group,
          tier: row.tier,
          jurisdictionId: row.jurisdiction_id,
          open: 0,
          overdue: 0,
          oldestSince: row.created_at,
          tasks: [],
        };
        byHolder.set(key, holding);
      }
      const late = row.due_at !== null && row.due_at < now;
      holding.open++;
      if (late) {
        holding.overdue++;
        overdue++;
      }
      holding.tasks.push({
        taskId: row.task_id,
        kind: row.kind,
        officeId: row.office_id,
        officeName: row.office_name,
        sponsorUnitId: row.sponsor_unit_id,
        since: row.created_at,
        dueAt: row.due_at,
      });
    }
    // Rows come oldest first, so each holding's first task is its oldest, and the map keeps that order.
    return { at: now, open: visible.length, overdue, holdings: [...byHolder.values()] };
  }
}
