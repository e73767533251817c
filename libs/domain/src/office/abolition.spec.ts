import { InvalidCommand, InvalidTransition, PolicyViolation } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import {
  CAR,
  LAND,
  LI,
  ZHANG,
  abolishOffice,
  closeOffice,
  nanyangContext,
  recordDisposal,
  recordPlacement,
  returnedToSponsor,
  transfer,
  writeOff,
} from '../testing/office-fixtures';
import {
  assetDisposed,
  assetRegistered,
  cityOfficeInZhengzhou,
  countyOfficeInZhengzhou,
  fold,
  fullRetentionApproval,
  officeAbolished,
  officeClosed,
  retentionRejected,
  retentionRequested,
  retentionReturned,
  staffPlaced,
  status,
  uncoveredOffice,
} from '../testing/office-history';
import { officeDecider } from './decide';
import type { OfficeEvent } from './events';
import { type OfficeStatus } from './state';

const { given } = givenWhenThen(officeDecider(nanyangContext()));

describe('三(一) 撤销: abolition', () => {
  it.each<{ from: OfficeStatus; history: OfficeEvent[] }>([
    { from: 'proposed', history: [countyOfficeInZhengzhou()] },
    { from: 'proposed', history: [cityOfficeInZhengzhou()] },
    {
      from: 'rejected',
      history: [cityOfficeInZhengzhou(), retentionRequested('municipal'), retentionRejected('municipal')],
    },
    {
      from: 'returned-for-revision',
      history: [cityOfficeInZhengzhou(), retentionRequested('municipal'), retentionReturned('municipal')],
    },
    { from: 'retained', history: fullRetentionApproval() },
  ])('is allowed from $from', ({ from, history }) => {
    expect(status(fold(...history))).toBe(from);
    const { state } = given(...history)
      .when(abolishOffice('宛政〔2015〕93号'))
      .then(officeAbolished('宛政〔2015〕93号'));
    expect(status(state)).toBe('abolished');
  });

  it.each<{ from: OfficeStatus; history: OfficeEvent[] }>([
    { from: 'retention-requested', history: [cityOfficeInZhengzhou(), retentionRequested('municipal')] },
    { from: 'awaiting-ruling', history: [uncoveredOffice()] },
    { from: 'abolished', history: [countyOfficeInZhengzhou({ assets: [], staff: [] }), officeAbolished()] },
    {
      from: 'closed',
      history: [countyOfficeInZhengzhou({ assets: [], staff: [] }), officeAbolished(), officeClosed(0, 0)],
    },
  ])('is refused from $from', ({ from, history }) => {
    expect(status(fold(...history))).toBe(from);
    given(...history)
      .when(abolishOffice())
      .thenThrows(InvalidTransition, { status: from, message: 'cannot abolish' });
  });

  it('requires the decision reference', () => {
    given(countyOfficeInZhengzhou())
      .when(abolishOffice('  '))
      .thenThrows(InvalidCommand, { field: 'decisionReference' });
  });
});

describe('三(一), 八(三) 国有资产处置: asset disposal', () => {
  const abolished = [countyOfficeInZhengzhou(), officeAbolished()];

  it('records a transfer to a government body', () => {
    const {
      state: { office: state },
    } = given(...abolished)
      .when(recordDisposal(transfer(LAND.assetId)))
      .then(assetDisposed(transfer(LAND.assetId)));
    expect(state.status === 'abolished' && state.office.assets[LAND.assetId]?.disposal).toStrictEqual(
      transfer(LAND.assetId),
    );
  });

  it('is refused before abolition', () => {
    given(countyOfficeInZhengzhou())
      .when(recordDisposal(transfer(LAND.assetId)))
      .thenThrows(InvalidTransition, { status: 'proposed', message: 'dispose of the assets' });
    given(...fullRetentionApproval(), assetRegistered(CAR))
      .when(recordDisposal(transfer(CAR.assetId)))
      .thenThrows(InvalidTransition, { status: 'retained' });
  });

  it('refuses an unknown asset', () => {
    given(...abolished)
      .when(recordDisposal(transfer('asset-yacht')))
      .thenThrows(InvalidCommand, { field: 'assetId', message: 'asset-yacht' });
  });

  it('refuses disposing of the same asset twice', () => {
    given(...abolished, assetDisposed(transfer(LAND.assetId)))
      .when(recordDisposal(transfer(LAND.assetId, { recipient: '南阳市财政局' })))
      .thenThrows(InvalidTransition, { status: 'abolished', message: 'already been disposed of' });
  });

  it('records a write-off without a recipient', () => {
    given(...abolished)
      .when(recordDisposal(writeOff(CAR.assetId)))
      .then(assetDisposed(writeOff(CAR.assetId)));
  });

  it.each([
    { recipient: '废旧车辆回收公司', recipientKind: undefined },
    { recipient: undefined, recipientKind: 'state-owned-enterprise' as const },
  ])('refuses a write-off that names a recipient ($recipient / $recipientKind)', (named) => {
    const { recipient, recipientKind } = named;
    given(...abolished)
      .when(
        recordDisposal({
          ...writeOff(CAR.assetId),
          ...(recipient === undefined ? {} : { recipient }),
          ...(recipientKind === undefined ? {} : { recipientKind }),
        }),
      )
      .thenThrows(InvalidCommand, { field: 'recipient', message: 'a write-off has no recipient' });
  });

  it.each(['transfer', 'reallocation'] as const)('八(三): refuses a %s to a private party', (method) => {
    given(...abolished)
      .when(
        recordDisposal(
          transfer(LAND.assetId, { method, recipient: '某房地产公司', recipientKind: 'private-party' }),
        ),
      )
      .thenThrows(PolicyViolation, {
        ruleId: '八(三)',
        field: 'recipientKind',
        message: '严禁借清理之机挪用、私分、侵吞国有资产',
      });
  });

  it('八(三): accepts a private party through a public auction, proceeds recorded', () => {
    const auction = transfer(LAND.assetId, {
      method: 'public-auction',
      recipient: '郑州某置业有限公司',
      recipientKind: 'private-party',
      value: 3_650_000,
      approvalReference: '宛财资〔2015〕20号',
    });
    given(...abolished)
      .when(recordDisposal(auction))
      .then(assetDisposed(auction));
  });

  it.each([0, -5])('refuses a public auction that realised %p', (value) => {
    given(...abolished)
      .when(
        recordDisposal(
          transfer(CAR.assetId, { method: 'public-auction', recipientKind: 'private-party', value }),
        ),
      )
      .thenThrows(InvalidCommand, { field: 'value' });
  });

  it('refuses a disposal without its approval reference', () => {
    given(...abolished)
      .when(recordDisposal(transfer(LAND.assetId, { approvalReference: ' ' })))
      .thenThrows(InvalidCommand, { field: 'approvalReference' });
  });

  it('refuses a transfer that does not name its recipient or the kind of recipient', () => {
    const { recipient: _recipient, ...withoutRecipient } = transfer(LAND.assetId);
    given(...abolished)
      .when(recordDisposal(withoutRecipient))
      .thenThrows(InvalidCommand, { field: 'recipient' });
    const { recipientKind: _kind, ...withoutKind } = transfer(LAND.assetId);
    given(...abolished)
      .when(recordDisposal(withoutKind))
      .thenThrows(InvalidCommand, { field: 'recipientKind' });
  });
});

describe('三(一) 妥善安置: staff placement', () => {
  const abolished = [countyOfficeInZhengzhou(), officeAbolished()];

  it('records where a person goes', () => {
    const {
      state: { office: state },
    } = given(...abolished)
      .when(recordPlacement(returnedToSponsor(ZHANG.staffId)))
      .then(staffPlaced(returnedToSponsor(ZHANG.staffId)));
    expect(state.status === 'abolished' && state.office.staff[ZHANG.staffId]?.placement).toStrictEqual(
      returnedToSponsor(ZHANG.staffId),
    );
  });

  it('refuses an unknown person', () => {
    given(...abolished)
      .when(recordPlacement(returnedToSponsor('staff-wang')))
      .thenThrows(InvalidCommand, { field: 'staffId', message: 'staff-wang' });
  });

  it('refuses placing the same person twice', () => {
    given(...abolished, staffPlaced(returnedToSponsor(ZHANG.staffId)))
      .when(recordPlacement({ staffId: ZHANG.staffId, placement: 'retired', destination: '退休' }))
      .thenThrows(InvalidTransition, { status: 'abolished', message: 'already been placed' });
  });

  it('refuses an empty destination, citing 三(一)', () => {
    given(...abolished)
      .when(recordPlacement({ staffId: LI.staffId, placement: 'transferred', destination: '  ' }))
      .thenThrows(InvalidCommand, { ruleId: '三(一)', field: 'destination' });
  });

  it('is refused before abolition', () => {
    given(countyOfficeInZhengzhou())
      .when(recordPlacement(returnedToSponsor(ZHANG.staffId)))
      .thenThrows(InvalidTransition, { status: 'proposed' });
  });
});

describe('三(一) 关闭: closing an abolished office', () => {
  const abolished = [countyOfficeInZhengzhou(), officeAbolished()];
  const allDone = [
    ...abolished,
    assetDisposed(transfer(LAND.assetId)),
    assetDisposed(writeOff(CAR.assetId)),
    staffPlaced(returnedToSponsor(ZHANG.staffId)),
    staffPlaced({ staffId: LI.staffId, placement: 'contract-ended', destination: '解除劳动合同' }),
  ];

  it('is refused while assets and staff remain, listing them', () => {
    given(...abolished, assetDisposed(transfer(LAND.assetId)), staffPlaced(returnedToSponsor(ZHANG.staffId)))
      .when(closeOffice())
      .thenThrows(PolicyViolation, {
        ruleId: '三(一)',
        message: 'assets not yet disposed of: asset-car; staff not yet placed: staff-li',
      });
  });

  it('lists every outstanding asset and person', () => {
    given(...abolished)
      .when(closeOffice())
      .thenThrows(PolicyViolation, {
        ruleId: '三(一)',
        message: /asset-land, asset-car.*staff-zhang, staff-li/,
      });
  });

  it('is refused while only a person remains', () => {
    const error = given(...allDone.slice(0, -1))
      .when(closeOffice())
      .thenThrows(PolicyViolation, { ruleId: '三(一)', message: 'staff not yet placed: staff-li' });
    expect(error.message).not.toContain('assets not yet disposed of');
  });

  it('is accepted once every asset is disposed of and every person placed', () => {
    const { state } = given(...allDone)
      .when(closeOffice())
      .then(officeClosed(2, 2));
    expect(status(state)).toBe('closed');
  });

  it('is accepted at once for an office with no assets or staff', () => {
    given(countyOfficeInZhengzhou({ assets: [], staff: [] }), officeAbolished())
      .when(closeOffice())
      .then(officeClosed(0, 0));
  });

  it('is refused unless the office is abolished, and only once', () => {
    given(countyOfficeInZhengzhou({ assets: [], staff: [] }))
      .when(closeOffice())
      .thenThrows(InvalidTransition, { status: 'proposed' });
    given(...allDone, officeClosed(2, 2))
      .when(closeOffice())
      .thenThrows(InvalidTransition, { status: 'closed' });
  });
});
