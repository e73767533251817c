import type { Transaction } from 'kysely';
import { chunks } from '../projection';
import type { ReadStore } from '../read-store';
import { RowWriter } from '../row-writer';
import type { DeadlineFilingRow, DeadlineOfficeRow, DeadlineRow, DeadlineTables } from './schema';

const DEADLINE_COLUMNS: readonly (keyof DeadlineRow)[] = [
  'deadline_id',
  'kind',
  'task_kind',
  'subject_id',
  'office_id',
  'unit_id',
  'title',
  'tier',
  'candidate_group',
  'assignee',
  'due_at',
  'status',
  'last_step',
];
/** What can change once a deadline exists; a row is written when one of these differs from the stored row. */
const DEADLINE_CHANGES = ['assignee', 'due_at', 'status', 'last_step'] as const;
const OFFICE_CHANGES = ['status', 'required_outcome', 'open_task_id', 'open_task_created_at'] as const;

/**
 * The rows one stretch of a batch works on, loaded in a few batched selects, changed in memory event by event,
 * and written once: a row only if it is new or differs from the stored one.
 */
export class DeadlineWorkingSet {
  private readonly offices = new Map<string, DeadlineOfficeRow>();
  private readonly storedOffices = new Map<string, DeadlineOfficeRow>();
  /** null: known not to exist. */
  private deadlines = new Map<string, DeadlineRow | null>();
  private storedDeadlines = new Map<string, DeadlineRow>();
  /** Written even if unchanged (a campaign launch restates its filing deadlines). */
  private forced = new Set<string>();
  private filings = new Map<string, DeadlineFilingRow>();

  constructor(
    private readonly writers: {
      deadlines: RowWriter<DeadlineRow>;
      offices: RowWriter<DeadlineOfficeRow>;
      filings: RowWriter<DeadlineFilingRow>;
    },
    /** Office rows as stored, remembered from earlier batches: not loaded again. Never changed here. */
    private readonly remembered: ReadonlyMap<string, DeadlineOfficeRow> = new Map(),
  ) {}

  office(officeId: string): DeadlineOfficeRow | undefined {
    return this.offices.get(officeId);
  }

  hasOffice(officeId: string): boolean {
    return this.offices.has(officeId);
  }

  addOffice(row: DeadlineOfficeRow): void {
    this.offices.set(row.office_id, row);
  }

  allOffices(): IterableIterator<DeadlineOfficeRow> {
    return this.offices.values();
  }

  deadline(deadlineId: string): DeadlineRow | undefined {
    return this.deadlines.get(deadlineId) ?? undefined;
  }

  putDeadline(row: DeadlineRow, options: { force?: boolean } = {}): void {
    this.deadlines.set(row.deadline_id, row);
    if (options.force) this.forced.add(row.deadline_id);
  }

  filed(row: DeadlineFilingRow): void {
    // The first filing is the one the deadline counts.
    if (!this.filings.has(row.deadline_id)) this.filings.set(row.deadline_id, row);
  }

  async loadOffices(trx: Transaction<DeadlineTables>, officeIds: Iterable<string>): Promise<void> {
    const missing: string[] = [];
    for (const id of officeIds) {
      if (this.offices.has(id)) continue;
      const known = this.remembered.get(id);
      if (!known) {
        missing.push(id);
        continue;
      }
      this.offices.set(id, { ...known });
      this.storedOffices.set(id, known);
    }
    for (const chunk of chunks(missing)) {
      const rows = await trx
        .selectFrom('deadline_offices')
        .selectAll()
        .where('office_id', 'in', chunk)
        .execute();
      for (const row of rows) this.keepOffice(row);
    }
  }

  /** Every office this read model knows (a campaign launch looks at all of them). */
  async loadAllOffices(trx: Transaction<DeadlineTables>): Promise<void> {
    for (const row of await trx.selectFrom('deadline_offices').selectAll().execute()) {
      if (!this.offices.has(row.office_id)) this.keepOffice(row);
    }
  }

  async loadDeadlines(trx: Transaction<DeadlineTables>, deadlineIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(deadlineIds)].filter((id) => !this.deadlines.has(id));
    for (const chunk of chunks(missing)) {
      for (const id of chunk) this.deadlines.set(id, null);
      const rows = await trx.selectFrom('deadlines').selectAll().where('deadline_id', 'in', chunk).execute();
      for (const row of rows) {
        this.deadlines.set(row.deadline_id, row);
        this.storedDeadlines.set(row.deadline_id, { ...row });
      }
    }
  }

  /** Writes what changed; afterwards the rows in memory are the stored ones. */
  async flush(trx: Transaction<DeadlineTables>, store: ReadStore): Promise<void> {
    const offices: DeadlineOfficeRow[] = [];
    for (const [id, row] of this.offices) {
      const stored = this.storedOffices.get(id);
      if (stored && OFFICE_CHANGES.every((column) => stored[column] === row[column])) continue;
      offices.push(row);
      this.storedOffices.set(id, { ...row });
    }
    await this.writers.offices.write(trx, store, offices);
    const deadlines: DeadlineRow[] = [];
    for (const [id, row] of this.deadlines) {
      if (!row) continue;
      const stored = this.storedDeadlines.get(id);
      if (
        stored &&
        !this.forced.has(id) &&
        DEADLINE_CHANGES.every((column) => stored[column] === row[column])
      ) {
        continue;
      }
      deadlines.push(row);
    }
    for (const row of deadlines) this.storedDeadlines.set(row.deadline_id, { ...row });
    await this.writers.deadlines.write(trx, store, deadlines);
    this.forced.clear();
    await this.writers.filings.write(trx, store, this.filings.values());
    this.filings.clear();
  }

  /** The office rows as stored once the batch's writes commit. */
  storedOfficeRows(): IterableIterator<DeadlineOfficeRow> {
    return this.storedOffices.values();
  }

  /** Forgets the deadlines in memory: something is about to change them in the table directly. */
  forgetDeadlines(): void {
    this.deadlines = new Map();
    this.storedDeadlines = new Map();
    this.forced = new Set();
  }

  private keepOffice(row: DeadlineOfficeRow): void {
    this.offices.set(row.office_id, row);
    this.storedOffices.set(row.office_id, { ...row });
  }
}

export function deadlineWriters() {
  return {
    deadlines: new RowWriter<DeadlineRow>({
      table: 'deadlines',
      columns: DEADLINE_COLUMNS,
      key: ['deadline_id'],
      update: DEADLINE_CHANGES,
    }),
    offices: new RowWriter<DeadlineOfficeRow>({
      table: 'deadline_offices',
      columns: [
        'office_id',
        'name',
        'sponsor_unit_id',
        'status',
        'required_outcome',
        'open_task_id',
        'open_task_created_at',
      ],
      key: ['office_id'],
      update: OFFICE_CHANGES,
    }),
    filings: new RowWriter<DeadlineFilingRow>({
      table: 'deadline_filings',
      columns: ['deadline_id', 'filed_at'],
      key: ['deadline_id'],
      update: [],
    }),
  };
}
