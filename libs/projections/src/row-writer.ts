import { sql, type QueryExecutorProvider } from 'kysely';
import type { SqliteDatabase, SqliteStatement } from './read-store';

/** Bound parameters per multi-row statement on PostgreSQL (its limit is 65,535). */
const PARAMETERS_PER_STATEMENT = 30_000;

export interface UpsertSpec<Row> {
  table: string;
  columns: readonly (keyof Row & string)[];
  /** The conflict target: the table's primary key. */
  key: readonly (keyof Row & string)[];
  /** Columns a conflicting row overwrites; none: the row already there stays as it is. */
  update: readonly (keyof Row & string)[];
}

/**
 * The batched writer every read model writes its rows with: an insert that updates (or keeps) the row already
 * there. On SQLite one statement prepared once and run per row, on the connection that holds the batch's
 * transaction, beats building a statement with thousands of parameters; on PostgreSQL, multi-row statements.
 */
export class RowWriter<Row extends object> {
  private prepared?: { database: SqliteDatabase; statement: SqliteStatement };
  private readonly sqliteText: string;
  private readonly rowsPerStatement: number;

  constructor(private readonly spec: UpsertSpec<Row>) {
    const { table, columns, key, update } = spec;
    const conflict =
      update.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${update.map((c) => `${c} = excluded.${c}`).join(', ')}`;
    this.sqliteText =
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
      `ON CONFLICT (${key.join(', ')}) ${conflict}`;
    this.rowsPerStatement = Math.min(1000, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));
  }

  /** `db`: the batch's transaction. */
  async write(
    db: QueryExecutorProvider,
    store: { sqlite?: SqliteDatabase },
    rows: Iterable<Row>,
  ): Promise<void> {
    const list: readonly Row[] = Array.isArray(rows) ? rows : [...rows];
    if (list.length === 0) return;
    if (store.sqlite) {
      if (this.prepared?.database !== store.sqlite) {
        this.prepared = { database: store.sqlite, statement: store.sqlite.prepare(this.sqliteText) };
      }
      const { statement } = this.prepared;
      // Positional parameters: binding by name looks every column up on the row, in native code, per row.
      const { columns } = this.spec;
      const values = new Array<unknown>(columns.length);
      for (const row of list) {
        for (let i = 0; i < columns.length; i++) values[i] = (row as Record<string, unknown>)[columns[i]!];
        statement.run(values);
      }
      return;
    }
    const { table, columns, key, update } = this.spec;
    const conflict =
      update.length === 0
        ? sql`DO NOTHING`
        : sql`DO UPDATE SET ${sql.join(update.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}`;
    for (let i = 0; i < list.length; i += this.rowsPerStatement) {
      const values = list
        .slice(i, i + this.rowsPerStatement)
        .map((row) => sql`(${sql.join(columns.map((c) => (row as Record<string, unknown>)[c]))})`);
      await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
        VALUES ${sql.join(values)} ON CONFLICT (${sql.join(key.map((c) => sql.ref(c)))}) ${conflict}`.execute(
        db,
      );
    }
  }
}
