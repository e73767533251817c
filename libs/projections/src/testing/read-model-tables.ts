import type { ReadStore } from '../read-store';

/**
 * Every row of every read model (every table but `checkpoints`), each table sorted, for comparing stores. All
 * columns but `deadlines.changed_seq`: that is the scheduler's change feed, a counter that takes one value per
 * batch (deadlines/projection.ts), so its numbers depend on how the log was cut into batches, not on the log.
 */
export async function allTables(readStore: ReadStore): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of readStore.tables) {
    const rows = await readStore.db.selectFrom(table).selectAll().execute();
    tables[table] = rows
      .map((row) => {
        const { changed_seq: _feed, ...columns } = row as Record<string, unknown>;
        return JSON.stringify(columns, (_key, value: unknown) =>
          typeof value === 'bigint' ? Number(value) : value,
        );
      })
      .sort()
      .map((json) => JSON.parse(json) as unknown);
  }
  return tables;
}
