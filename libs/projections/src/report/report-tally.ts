import type { HostCity, OfficeState } from '@liaison/domain';
import {
  emptyAssets,
  emptyOffices,
  emptyStaff,
  hostCategory,
  standingOf,
  type AssetTally,
  type OfficeLine,
  type OfficeTally,
  type StaffTally,
  type UnitReport,
} from './report-model';

type Registered = Exclude<OfficeState, { status: 'unregistered' }>;

/** One office as the report lists it, counted under `unitId`. */
export function officeLine(
  state: Registered,
  unitId: string,
  provinceId: string,
  hostCities: ReadonlyMap<string, HostCity>,
): OfficeLine {
  const { office } = state;
  const assets = Object.values(office.assets);
  const staff = Object.values(office.staff);
  const disposed = assets.filter((asset) => asset.disposal);
  return {
    officeId: office.officeId,
    name: office.name,
    sponsorUnitId: office.sponsorUnitId,
    unitId,
    sponsorKind: office.sponsorKind,
    hostCityId: office.hostCityId,
    hostCategory: hostCategory(hostCities.get(office.hostCityId), provinceId),
    ruleId: office.disposition.ruleId,
    requiredOutcome: office.disposition.outcome,
    status: state.status,
    standing: standingOf(state.status),
    assets: assets.length,
    bookValue: assets.reduce((sum, asset) => sum + asset.bookValue, 0),
    disposed: disposed.length,
    proceeds: disposed.reduce(
      (sum, asset) => sum + (asset.disposal?.method === 'public-auction' ? asset.disposal.value : 0),
      0,
    ),
    staff: staff.length,
    placed: staff.filter((member) => member.placement).length,
  };
}

/** Adds one office, its assets and its staff to a unit's tallies. */
export function countOffice(unit: UnitReport, state: Registered, line: OfficeLine): void {
  const { offices, assets, staff } = unit;
  offices.offices += 1;
  offices.bySponsorKind[line.sponsorKind] += 1;
  offices.byHost[line.hostCategory] += 1;
  offices.byRequiredOutcome[line.requiredOutcome] += 1;
  offices.byStanding[line.standing] += 1;
  for (const asset of Object.values(state.office.assets)) {
    assets.total.count += 1;
    assets.total.bookValue += asset.bookValue;
    assets.byKind[asset.kind].count += 1;
    assets.byKind[asset.kind].bookValue += asset.bookValue;
    const method = assets.byMethod[asset.disposal?.method ?? 'undisposed'];
    method.count += 1;
    method.bookValue += asset.bookValue;
    method.value += asset.disposal?.value ?? 0;
    if (asset.disposal?.method === 'public-auction') assets.proceedsToTreasury += asset.disposal.value;
  }
  for (const member of Object.values(state.office.staff)) {
    staff.total += 1;
    staff.byPlacement[member.placement?.placement ?? 'unplaced'] += 1;
  }
}

function addRecord<K extends string>(into: Record<K, number>, from: Record<K, number>): void {
  for (const key of Object.keys(from) as K[]) into[key] += from[key];
}

/** A unit's report with nothing counted yet, or the sum of several (the city's totals). */
export function sumUnits(unitId: string, name: string, parts: readonly UnitReport[]): UnitReport {
  const offices: OfficeTally = emptyOffices();
  const assets: AssetTally = emptyAssets();
  const staff: StaffTally = emptyStaff();
  for (const part of parts) {
    offices.offices += part.offices.offices;
    addRecord(offices.bySponsorKind, part.offices.bySponsorKind);
    addRecord(offices.byHost, part.offices.byHost);
    addRecord(offices.byRequiredOutcome, part.offices.byRequiredOutcome);
    addRecord(offices.byStanding, part.offices.byStanding);
    assets.total.count += part.assets.total.count;
    assets.total.bookValue += part.assets.total.bookValue;
    for (const [kind, amounts] of Object.entries(part.assets.byKind)) {
      const into = assets.byKind[kind as keyof AssetTally['byKind']];
      into.count += amounts.count;
      into.bookValue += amounts.bookValue;
    }
    for (const [method, amounts] of Object.entries(part.assets.byMethod)) {
      const into = assets.byMethod[method as keyof AssetTally['byMethod']];
      into.count += amounts.count;
      into.bookValue += amounts.bookValue;
      into.value += amounts.value;
    }
    assets.proceedsToTreasury += part.assets.proceedsToTreasury;
    staff.total += part.staff.total;
    addRecord(staff.byPlacement, part.staff.byPlacement);
  }
  return { unitId, name, offices, assets, staff };
}
