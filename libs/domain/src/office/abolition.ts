import { entryOf } from '../keyed';
import { InvalidCommand, InvalidTransition, PolicyViolation } from '../errors';
import type { AbolishOffice, CloseOffice, RecordAssetDisposal, RecordStaffPlacement } from './commands';
import type { OfficeEvent } from './events';
import { expectStatus, opt } from './guards';
import type { OfficeState } from './state';

/**
 * 三(一) 撤销: an office the plan (or a rejection, or a ruling) says must go is abolished by a decision with its
 * document reference; a retained office may still be abolished later.
 */
export function abolishOffice({ data }: AbolishOffice, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(
    state,
    ['proposed', 'rejected', 'returned-for-revision', 'retained'],
    'abolish',
  );
  if (!data.decisionReference.trim()) {
    throw new InvalidCommand('decisionReference', 'the abolition decision needs its document reference');
  }
  return [
    {
      type: 'OfficeAbolished',
      data: {
        officeId: current.office.officeId,
        decisionReference: data.decisionReference,
        ...opt('reason', data.reason),
      },
    },
  ];
}

/** 三(一), 八(三): each asset is disposed of under the state-owned asset rules, its approval cited. */
export function recordAssetDisposal(
  { data: disposal }: RecordAssetDisposal,
  state: OfficeState,
): OfficeEvent[] {
  const current = expectStatus(state, ['abolished'], 'dispose of the assets of');
  const asset = entryOf(current.office.assets, disposal.assetId);
  if (!asset)
    throw new InvalidCommand('assetId', `asset ${disposal.assetId} is not registered for this office`);
  if (asset.disposal)
    throw new InvalidTransition(`asset ${disposal.assetId} has already been disposed of`, current.status);
  const { method, recipient, recipientKind } = disposal;
  if (method === 'write-off') {
    if (recipient !== undefined || recipientKind !== undefined) {
      throw new InvalidCommand('recipient', 'a write-off has no recipient');
    }
  } else {
    if (!recipient?.trim())
      throw new InvalidCommand('recipient', `a disposal by ${method} names its recipient`);
    if (!recipientKind)
      throw new InvalidCommand('recipientKind', `a disposal by ${method} names the kind of recipient`);
    // 严禁借清理之机挪用、私分、侵吞国有资产: only an open auction may put state assets into private hands.
    if (recipientKind === 'private-party' && method !== 'public-auction') {
      throw new PolicyViolation(
        '八(三)',
        'state assets may pass to a private party only through a public auction (严禁借清理之机挪用、私分、侵吞国有资产)',
        'recipientKind',
      );
    }
    if (method === 'public-auction' && disposal.value <= 0) {
      throw new InvalidCommand(
        'value',
        'a public auction records the proceeds realised, which go to the treasury',
      );
    }
  }
  if (!disposal.approvalReference.trim()) {
    throw new InvalidCommand(
      'approvalReference',
      'every disposal cites its approval under the state-owned asset rules',
    );
  }
  return [{ type: 'AssetDisposed', data: { officeId: current.office.officeId, ...disposal } }];
}

/** 三(一) 妥善安置: each person's placement records where they go. */
export function recordStaffPlacement(
  { data: placement }: RecordStaffPlacement,
  state: OfficeState,
): OfficeEvent[] {
  const current = expectStatus(state, ['abolished'], 'place the staff of');
  const member = entryOf(current.office.staff, placement.staffId);
  if (!member)
    throw new InvalidCommand(
      'staffId',
      `staff member ${placement.staffId} is not registered for this office`,
    );
  if (member.placement) {
    throw new InvalidTransition(`staff member ${placement.staffId} has already been placed`, current.status);
  }
  if (!placement.destination.trim()) {
    throw new InvalidCommand(
      'destination',
      'a placement records where the person goes (妥善安置, 三(一))',
      '三(一)',
    );
  }
  return [{ type: 'StaffPlaced', data: { officeId: current.office.officeId, ...placement } }];
}

/** 三(一): an abolished office closes only when every asset is disposed of and every staff member placed. */
export function closeOffice(_command: CloseOffice, state: OfficeState): OfficeEvent[] {
  const current = expectStatus(state, ['abolished'], 'close');
  const assets = Object.values(current.office.assets);
  const staff = Object.values(current.office.staff);
  const undisposed = assets.filter((asset) => !asset.disposal).map((asset) => asset.assetId);
  const unplaced = staff.filter((member) => !member.placement).map((member) => member.staffId);
  if (undisposed.length > 0 || unplaced.length > 0) {
    const parts = [
      undisposed.length > 0 ? `assets not yet disposed of: ${undisposed.join(', ')}` : undefined,
      unplaced.length > 0 ? `staff not yet placed: ${unplaced.join(', ')}` : undefined,
    ].filter(Boolean);
    throw new PolicyViolation(
      '三(一)',
      `an abolished office closes only when every asset is disposed of and every staff member placed; ${parts.join('; ')}`,
    );
  }
  return [
    {
      type: 'OfficeClosed',
      data: { officeId: current.office.officeId, assetsDisposed: assets.length, staffPlaced: staff.length },
    },
  ];
}
