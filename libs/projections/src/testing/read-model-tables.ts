import type { ReadStore } from '../read-store';

/** Every row of every read model (every table but `checkpoints`), each table sorted, for comparing stores. */
export async function allTables(readStore: ReadStore): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of readStore.tables) {
    const rows = await readStore.db.selectFrom(table).selectAll().execute();
    tables[table] = rows
      .map((row) =>
        JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value)),
      )
      .sort()
      .map((json) => JSON.parse(json) as unknown);
  }
  return tables;
}
