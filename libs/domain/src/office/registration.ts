import type { Duration } from '../calendar';
import type { RegulationDuty } from '../regulation/events';
import { entryOf } from '../keyed';
import { classify, locate, type Disposition } from '../disposition';
import { InvalidCommand, InvalidTransition } from '../errors';
import type { ApproverRoster } from '../groups';
import type { HostCity, JurisdictionCatalog, SponsorKind } from '../jurisdiction';
import type { RegisterAsset, RegisterOffice, RegisterStaffMember } from './commands';
import type { OfficeEvent } from './events';
import { expectStatus, OPEN_STATUSES } from './guards';
import type { OfficeState } from './state';
import type { Asset } from './vocabulary';
import type { TaskDeadlinePolicy } from './deadlines';

/** What registration checks an office against: the jurisdiction tree and the host cities the plan covers (一). */
export interface OfficeContext {
  jurisdictions: JurisdictionCatalog;
  hostCities: ReadonlyMap<string, HostCity>;
  /** How long each tier has for a decision, on which calendar. */
  taskDeadlines: TaskDeadlinePolicy;
  /** Who can act in each candidate group, so no task opens where nobody can (groups.ts); absent in tools. */
  approvers?: ApproverRoster;
  /** How long a retained office has for each dated duty of 五 and 六 (REGULATION_SLA); the defaults when absent. */
  regulationSla?: Record<RegulationDuty, Duration>;
}

/** 一, 三: who may register an office where, and the disposition rule the plan gives it. */
export function registerOffice(
  { data }: RegisterOffice,
  state: OfficeState,
  context: OfficeContext,
): OfficeEvent[] {
  if (state.status !== 'unregistered') {
    throw new InvalidTransition(`office ${data.officeId} is already registered`, state.status);
  }
  const { sponsorKind, disposition } = dispositionFor(data, context);
  const seenAssets = new Set<string>();
  data.assets.forEach((asset, index) => {
    checkAsset(asset, `assets[${index}]`);
    if (seenAssets.has(asset.assetId)) {
      throw new InvalidCommand(`assets[${index}].assetId`, `asset id ${asset.assetId} appears twice`);
    }
    seenAssets.add(asset.assetId);
  });
  const seenStaff = new Set<string>();
  data.staff.forEach((member, index) => {
    if (seenStaff.has(member.staffId)) {
      throw new InvalidCommand(`staff[${index}].staffId`, `staff id ${member.staffId} appears twice`);
    }
    seenStaff.add(member.staffId);
  });
  return [{ type: 'OfficeRegistered', data: { ...data, sponsorKind, disposition } }];
}

/**
 * 一, 三: the rule the plan gives an office of this sponsor in this host city, as registration would apply it,
 * refusing a sponsor or host city the plan does not cover. Pure: what a registration form previews.
 */
export function dispositionFor(
  data: { sponsorUnitId: string; hostCityId: string; pairedAssistance: boolean },
  context: Pick<OfficeContext, 'jurisdictions' | 'hostCities'>,
): { sponsorKind: SponsorKind; disposition: Disposition } {
  const sponsor = context.jurisdictions.find(data.sponsorUnitId);
  if (!sponsor) throw new InvalidCommand('sponsorUnitId', `unknown jurisdiction unit ${data.sponsorUnitId}`);
  // A sponsor must be a live unit: a retired one (merged, abolished) keeps its offices but registers no new one.
  if (sponsor.retired) {
    throw new InvalidCommand(
      'sponsorUnitId',
      `${sponsor.name} (${sponsor.id}) is retired: only a live government or department sponsors an office (一)`,
      '一',
    );
  }
  const sponsorKind = context.jurisdictions.sponsorKind(sponsor.id);
  if (!sponsorKind) {
    throw new InvalidCommand(
      'sponsorUnitId',
      `${sponsor.name} (${sponsor.id}) is not a sponsor this plan covers: a county-level or municipal government, or one of their functional departments`,
      '一',
    );
  }
  const host = context.hostCities.get(data.hostCityId);
  if (!host) {
    throw new InvalidCommand(
      'hostCityId',
      `${data.hostCityId} is not a provincial capital, a city with separate planning status or a special economic zone`,
      '一',
    );
  }
  const province = context.jurisdictions.nearest(sponsor.id, 'province');
  if (!province) throw new InvalidCommand('sponsorUnitId', `${sponsor.id} lies in no province`);
  const disposition = classify({
    sponsorKind,
    location: locate(province.id, host),
    pairedAssistance: data.pairedAssistance,
  });
  return { sponsorKind, disposition };
}

/** An asset found after registration; it too must be disposed of before the office closes. */
export function registerAsset({ data }: RegisterAsset, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, OPEN_STATUSES, 'register an asset of');
  const { asset } = data;
  checkAsset(asset, 'asset');
  if (entryOf(current.office.assets, asset.assetId)) {
    throw new InvalidCommand('asset.assetId', `asset ${asset.assetId} is already registered for this office`);
  }
  return [{ type: 'AssetRegistered', data: { officeId: current.office.officeId, asset } }];
}

/** A staff member found after registration; they too must be placed before the office closes. */
export function registerStaffMember({ data }: RegisterStaffMember, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, OPEN_STATUSES, 'register a staff member of');
  const { staffMember } = data;
  if (entryOf(current.office.staff, staffMember.staffId)) {
    throw new InvalidCommand(
      'staffMember.staffId',
      `staff member ${staffMember.staffId} is already registered for this office`,
    );
  }
  return [{ type: 'StaffMemberRegistered', data: { officeId: current.office.officeId, staffMember } }];
}

function checkAsset(asset: Asset, field: string): void {
  if (!(asset.bookValue >= 0))
    throw new InvalidCommand(`${field}.bookValue`, 'book value must be zero or more');
}
