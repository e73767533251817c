import { sql } from 'kysely';
import type { ReadModelSchema } from '../read-model-schema';

/** Something that must happen by a date, and how far up the escalation ladder its notices have gone. */
export interface DeadlineRow {
  /** `task.<officeId>.<revision>`, `work-plan.<unitId>`, …: also the suffix of its notices' stream. */
  deadline_id: string;
  kind: string;
  /** A task's kind (`retention` or `ruling`); null for a deadline that is not a task's. */
  task_kind: string | null;
  subject_id: string;
  office_id: string | null;
  /** The unit whose people must act: the task's jurisdiction, or the filing unit. */
  unit_id: string;
  title: string;
  tier: string | null;
  candidate_group: string | null;
  assignee: string | null;
  /** As recorded in the log; null for a task deadline an older log never recorded (not scheduled). */
  due_at: string | null;
  /** pending, met (done in time or late) or cancelled (no longer asked for). */
  status: string;
  /** The highest escalation step sent so far. */
  last_step: string | null;
}

/**
 * What the deadlines need to know of an office, followed from its events: its name and sponsor (the title and
 * unit of its deadlines), what decides whether it must still be abolished, and its open task.
 */
export interface DeadlineOfficeRow {
  office_id: string;
  name: string;
  sponsor_unit_id: string;
  status: string;
  required_outcome: string;
  /** The task its retention request waits on, if any, and when that task opened (re-dating starts from it). */
  open_task_id: string | null;
  open_task_created_at: string | null;
}

/** When each phase of the campaign launched ends: the carry-out phase's end is when abolitions are due. */
export interface DeadlinePhaseRow {
  phase: string;
  due_at: string;
}

/** A filing made (its deadline's id), so a campaign launched after it counts it as met. */
export interface DeadlineFilingRow {
  deadline_id: string;
  filed_at: string;
}

export interface DeadlineTables {
  deadlines: DeadlineRow;
  deadline_offices: DeadlineOfficeRow;
  deadline_phases: DeadlinePhaseRow;
  deadline_filings: DeadlineFilingRow;
}

export const deadlineSchema: ReadModelSchema<DeadlineTables> = {
  tables: ['deadlines', 'deadline_offices', 'deadline_phases', 'deadline_filings'],
  async migrate(db) {
    await db.schema
      .createTable('deadlines')
      .ifNotExists()
      .addColumn('deadline_id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('task_kind', 'text')
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('office_id', 'text')
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('tier', 'text')
      .addColumn('candidate_group', 'text')
      .addColumn('assignee', 'text')
      .addColumn('due_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('last_step', 'text')
      .execute();
    await sql`DROP INDEX IF EXISTS deadlines_changed`.execute(db);
    await db.schema
      .createIndex('deadlines_pending')
      .ifNotExists()
      .on('deadlines')
      .columns(['status', 'due_at'])
      .execute();
    await db.schema
      .createTable('deadline_offices')
      .ifNotExists()
      .addColumn('office_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sponsor_unit_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('required_outcome', 'text', (c) => c.notNull())
      .addColumn('open_task_id', 'text')
      .addColumn('open_task_created_at', 'text')
      .execute();
    await db.schema
      .createTable('deadline_phases')
      .ifNotExists()
      .addColumn('phase', 'text', (c) => c.primaryKey())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('deadline_filings')
      .ifNotExists()
      .addColumn('deadline_id', 'text', (c) => c.primaryKey())
      .addColumn('filed_at', 'text', (c) => c.notNull())
      .execute();
  },
};
