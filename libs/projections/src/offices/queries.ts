import type { ReadStore } from '../read-store';
import type { OfficeRow } from './schema';

export interface OfficeListFilter {
  status?: string;
  ruleId?: string;
  /** Offices whose sponsor is this unit or lies below it; a known unit id (no LIKE wildcards). */
  unitId?: string;
  hostCityId?: string;
  pendingTier?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export async function listOffices(
  readStore: ReadStore,
  filter: OfficeListFilter,
  page: number,
  pageSize: number,
): Promise<Page<OfficeRow>> {
  let query = readStore.db.selectFrom('offices');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.ruleId) query = query.where('rule_id', '=', filter.ruleId);
  if (filter.hostCityId) query = query.where('host_city_id', '=', filter.hostCityId);
  if (filter.pendingTier) query = query.where('pending_tier', '=', filter.pendingTier);
  if (filter.unitId) query = query.where('sponsor_path', 'like', `%|${filter.unitId}|%`);
  const [items, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('seq')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((row) => ({ ...row, seq: Number(row.seq) })),
    total: Number(count.total),
    page,
    pageSize,
  };
}
