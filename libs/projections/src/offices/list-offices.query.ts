import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listOffices, type OfficeListFilter } from './queries';
import type { ReadStore } from '../read-store';

export interface OfficeListItem {
  officeId: string;
  name: string;
  sponsorUnitId: string;
  sponsorKind: string;
  hostCityId: string;
  pairedAssistance: boolean;
  ruleId: string;
  requiredOutcome: string;
  /** The provincial ruling the required outcome rests on, for an office the plan does not cover; null before. */
  ruling: { ruling: string; reasoning: string; tier: string } | null;
  status: string;
  pendingTier: string | null;
  progress: { assetsDisposed: number; assetsTotal: number; staffPlaced: number; staffTotal: number };
  version: number;
  registeredAt: string;
  updatedAt: string;
}

export interface OfficeList {
  items: OfficeListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** A page of the offices list, filtered (the caller has narrowed it to what the user may see). */
export class ListOfficesQuery extends Query<OfficeList> {
  constructor(
    readonly filter: OfficeListFilter,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}

@QueryHandler(ListOfficesQuery)
export class ListOfficesHandler implements IQueryHandler<ListOfficesQuery, OfficeList> {
  constructor(private readonly readStore: ReadStore) {}

  async execute({ filter, page, pageSize }: ListOfficesQuery): Promise<OfficeList> {
    const result = await listOffices(this.readStore, filter, page, pageSize);
    return {
      ...result,
      items: result.items.map((row) => ({
        officeId: row.office_id,
        name: row.name,
        sponsorUnitId: row.sponsor_unit_id,
        sponsorKind: row.sponsor_kind,
        hostCityId: row.host_city_id,
        pairedAssistance: row.paired_assistance === 1,
        ruleId: row.rule_id,
        requiredOutcome: row.required_outcome,
        ruling:
          row.ruling === null
            ? null
            : { ruling: row.ruling, reasoning: row.ruling_reasoning ?? '', tier: row.ruling_tier ?? '' },
        status: row.status,
        pendingTier: row.pending_tier,
        progress: {
          assetsDisposed: row.assets_disposed,
          assetsTotal: row.assets_total,
          staffPlaced: row.staff_placed,
          staffTotal: row.staff_total,
        },
        version: row.version,
        registeredAt: row.registered_at,
        updatedAt: row.updated_at,
      })),
    };
  }
}
