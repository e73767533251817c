import type { ReadModelSchema } from '../read-model-schema';

/**
 * One pending (or past) tier decision on a retention request, or ruling on an office the plan does not cover: an
 * item of an approvers' inbox.
 */
export interface TaskRow {
  /** `<officeId>/<revision of the event that opened it>`. */
  task_id: string;
  /** `retention` or `ruling` (the provincial ruling an office the plan does not cover waits for). */
  kind: string;
  office_id: string;
  office_name: string;
  sponsor_unit_id: string;
  /** The plan's rule that applies to the office (its disposition at registration): the inbox filters by it. */
  rule_id: string;
  tier: string;
  /** The unit whose approvers decide it (the sponsor's county, city or province). */
  jurisdiction_id: string;
  /** `<tier>@<jurisdiction_id>`: the approvers who may claim it. */
  candidate_group: string;
  assignee: string | null;
  status: string;
  /**
   * Once decided: forwarded, approved, rejected, returned or superseded (a retention task); the ruling, abolish or
   * retention-may-be-requested (a ruling task).
   */
  outcome: string | null;
  /** The ruling's reasoning, once a ruling task is decided. */
  reasoning: string | null;
  created_at: string;
  /** As recorded in the log (DeadlineSet, DeadlineMoved); null for a task of an older log not yet migrated. */
  due_at: string | null;
  closed_at: string | null;
  /** The office's version when the task last changed: a decision sent with it as If-Match acts on this task. */
  office_version: number;
  seq: number;
}

/** What opening a task needs to know of its office, from its registration (none of it ever changes). */
export interface TaskOfficeRow {
  office_id: string;
  name: string;
  sponsor_unit_id: string;
  rule_id: string;
}

export interface TaskTables {
  tasks: TaskRow;
  task_offices: TaskOfficeRow;
}

export const taskSchema: ReadModelSchema<TaskTables> = {
  tables: ['tasks', 'task_offices'],
  async migrate(db) {
    await db.schema
      .createTable('tasks')
      .ifNotExists()
      .addColumn('task_id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('office_id', 'text', (c) => c.notNull())
      .addColumn('office_name', 'text', (c) => c.notNull())
      .addColumn('sponsor_unit_id', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('tier', 'text', (c) => c.notNull())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('candidate_group', 'text', (c) => c.notNull())
      .addColumn('assignee', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('reasoning', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('office_version', 'integer', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    // The inbox reads open tasks of one group, or of one assignee, soonest due first.
    await db.schema
      .createIndex('tasks_group_open')
      .ifNotExists()
      .on('tasks')
      .columns(['candidate_group', 'status', 'due_at'])
      .execute();
    // Lets the inbox count a group's claimed tasks, and one approver's, from the index alone.
    await db.schema
      .createIndex('tasks_group_assignee')
      .ifNotExists()
      .on('tasks')
      .columns(['candidate_group', 'status', 'assignee'])
      .execute();
    await db.schema
      .createIndex('tasks_assignee_open')
      .ifNotExists()
      .on('tasks')
      .columns(['assignee', 'status', 'due_at'])
      .execute();
    await db.schema
      .createIndex('tasks_office')
      .ifNotExists()
      .on('tasks')
      .columns(['office_id', 'status'])
      .execute();
    await db.schema
      .createTable('task_offices')
      .ifNotExists()
      .addColumn('office_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sponsor_unit_id', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .execute();
  },
};
