import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  approverTier,
  type JurisdictionCatalog,
  type JurisdictionUnit,
  type OfficeContext,
  type SponsorKind,
  type Tier,
  type UnitKind,
} from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { EVENT_STORE, OFFICE_CONTEXT } from '../tokens';
import { refreshUnitDirectory } from './unit-directory';

/** A unit as the API shows it: the tree's record, what it may sponsor, and the tier its approvers decide at. */
export interface UnitView extends JurisdictionUnit {
  retired: boolean;
  sponsorKind: SponsorKind | null;
  /** The tier an approver bound to this unit decides at (a government, or its offices administration bureau). */
  approverTier: Tier | null;
}

export function unitView(jurisdictions: JurisdictionCatalog, unit: JurisdictionUnit): UnitView {
  return {
    ...unit,
    retired: unit.retired === true,
    sponsorKind: jurisdictions.sponsorKind(unit.id) ?? null,
    approverTier: approverTier(jurisdictions, unit.id) ?? null,
  };
}

export interface UnitFilter {
  /** Only the units directly below this one. */
  parentId?: string;
  /** Only this unit and the units below it. */
  within?: string;
  kind?: UnitKind;
  /** The unit with this division code. */
  code?: string;
  /** `live` (the default), `retired`, or `all`. */
  status?: 'live' | 'retired' | 'all';
}

/** The jurisdiction tree as it stands (the province's data and the unit directory's changes), filtered. */
export class ListUnitsQuery extends Query<UnitView[]> {
  constructor(readonly filter: UnitFilter = {}) {
    super();
  }
}

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery, UnitView[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute({ filter }: ListUnitsQuery): Promise<UnitView[]> {
    const { jurisdictions } = this.context;
    await refreshUnitDirectory(this.store, jurisdictions);
    const status = filter.status ?? 'live';
    const candidates =
      filter.parentId !== undefined ? jurisdictions.children(filter.parentId) : jurisdictions.all();
    return candidates
      .filter(
        (unit) =>
          (filter.within === undefined || jurisdictions.isWithin(unit.id, filter.within)) &&
          (filter.kind === undefined || unit.kind === filter.kind) &&
          (filter.code === undefined || unit.code === filter.code) &&
          (status === 'all' || (status === 'retired') === (unit.retired === true)),
      )
      .map((unit) => unitView(jurisdictions, unit));
  }
}

/** One unit, or undefined when the tree has none of that id. */
export class GetUnitQuery extends Query<UnitView | undefined> {
  constructor(readonly unitId: string) {
    super();
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery, UnitView | undefined> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  async execute({ unitId }: GetUnitQuery): Promise<UnitView | undefined> {
    const { jurisdictions } = this.context;
    await refreshUnitDirectory(this.store, jurisdictions);
    const unit = jurisdictions.find(unitId);
    return unit ? unitView(jurisdictions, unit) : undefined;
  }
}
