import type { ReadStore } from '../read-store';
import type { UnitFilingRow } from './schema';

/** When each unit filed its work plan and work summary, by unit id. */
export async function unitFilingDates(readStore: ReadStore): Promise<Map<string, UnitFilingRow>> {
  const rows = await readStore.db.selectFrom('unit_filings').selectAll().execute();
  return new Map(rows.map((row) => [row.unit_id, row]));
}
