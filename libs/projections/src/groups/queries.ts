import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  candidateGroup,
  groupOfApprover,
  tierOfGovernment,
  type JurisdictionCatalog,
  type Tier,
} from '@liaison/domain';
import type { ReadStore } from '../read-store';

/**
 * The approvers who can act now, with the unit each is bound to: from the accounts' read model (an account that must
 * first change a one-time password counts, as it can act once it has).
 */
export async function activeApprovers(readStore: ReadStore): Promise<{ username: string; unitId: string }[]> {
  const rows = await readStore.db
    .selectFrom('user_accounts')
    .select(['username', 'unit_id'])
    .where('role', '=', 'approver')
    .where('status', '=', 'active')
    .orderBy('username')
    .execute();
  return rows.map((row) => ({ username: row.username, unitId: row.unit_id }));
}

/** A candidate group: the approvers of one tier for one government, and whether anyone can act in it. */
export interface GroupView {
  group: string;
  tier: Tier;
  jurisdictionId: string;
  jurisdictionName: string;
  approvers: string[];
  activeApprovers: number;
  /** Nobody can act in it: a request that would wait here goes to the tier above instead (the top tier excepted). */
  flagged: boolean;
}

export interface GroupFilter {
  /** Only the groups of this government and those below it. */
  within?: string;
  tier?: Tier;
  flagged?: boolean;
}

/**
 * Every candidate group of the live governments (a county-level unit's county group, a city's municipal group, the
 * province's provincial group), with the active approvers acting in each.
 */
export function candidateGroups(
  jurisdictions: JurisdictionCatalog,
  approvers: readonly { username: string; unitId: string }[],
  filter: GroupFilter = {},
): GroupView[] {
  const members = new Map<string, string[]>();
  for (const approver of approvers) {
    const group = groupOfApprover(jurisdictions, approver.unitId);
    if (group === undefined || !jurisdictions.isLive(approver.unitId)) continue;
    members.set(group, [...(members.get(group) ?? []), approver.username]);
  }
  const groups: GroupView[] = [];
  for (const unit of jurisdictions.all()) {
    const tier = tierOfGovernment(unit.kind);
    if (tier === undefined || unit.retired) continue;
    if (filter.within !== undefined && !jurisdictions.isWithin(unit.id, filter.within)) continue;
    if (filter.tier !== undefined && filter.tier !== tier) continue;
    const group = candidateGroup(tier, unit.id);
    const names = members.get(group) ?? [];
    const view: GroupView = {
      group,
      tier,
      jurisdictionId: unit.id,
      jurisdictionName: unit.name,
      approvers: names,
      activeApprovers: names.length,
      flagged: names.length === 0,
    };
    if (filter.flagged === undefined || filter.flagged === view.flagged) groups.push(view);
  }
  return groups;
}

/** The candidate groups within the caller's scope (`within`: undefined for everything, null for nothing). */
export class ListGroupsQuery extends Query<GroupView[]> {
  constructor(
    readonly scope: string | undefined | null,
    readonly filter: Omit<GroupFilter, 'within'> & { within?: string },
  ) {
    super();
  }
}

@QueryHandler(ListGroupsQuery)
export class ListGroupsHandler implements IQueryHandler<ListGroupsQuery, GroupView[]> {
  constructor(
    private readonly readStore: ReadStore,
    private readonly jurisdictions: JurisdictionCatalog,
  ) {}

  async execute({ scope, filter }: ListGroupsQuery): Promise<GroupView[]> {
    if (scope === null) return [];
    const approvers = await activeApprovers(this.readStore);
    const within = narrower(this.jurisdictions, scope, filter.within);
    if (within === null) return [];
    return candidateGroups(this.jurisdictions, approvers, { ...filter, ...(within ? { within } : {}) });
  }
}

/** The narrower of two subtrees, null when they do not overlap. */
function narrower(
  jurisdictions: JurisdictionCatalog,
  scope: string | undefined,
  asked: string | undefined,
): string | undefined | null {
  if (scope === undefined || asked === undefined) return asked ?? scope;
  if (jurisdictions.isWithin(asked, scope)) return asked;
  if (jurisdictions.isWithin(scope, asked)) return scope;
  return null;
}
