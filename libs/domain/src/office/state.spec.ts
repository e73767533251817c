import { keyed } from '../keyed';
import {
  BUILDING,
  CAR,
  LAND,
  LI,
  OFFICE_ID,
  UNIT,
  ZHANG,
  disposition,
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
  officeRuledOn,
  retentionForwarded,
  retentionRequested,
  retentionResubmitted,
  retentionReturned,
  staffPlaced,
  status,
  uncoveredOffice,
} from '../testing/office-history';
import { evolve, initialState } from './state';

describe('evolve: folding the history', () => {
  it('starts unregistered', () => {
    expect(initialState()).toStrictEqual({ status: 'unregistered' });
    expect(fold()).toStrictEqual({ status: 'unregistered' });
  });

  it('refuses to apply an event to an unregistered office', () => {
    expect(() => evolve(initialState(), officeAbolished())).toThrow('unregistered');
  });

  it('keeps the registered facts, with a retention start tier only where the plan allows a request', () => {
    expect(fold(countyOfficeInZhengzhou())).toStrictEqual({
      status: 'proposed',
      office: {
        officeId: OFFICE_ID,
        name: countyOfficeInZhengzhou().data.name,
        sponsorUnitId: UNIT.wancheng,
        sponsorKind: 'county-government',
        hostCityId: 'zhengzhou',
        pairedAssistance: false,
        disposition: disposition('三(一)-a', '三(一)', 'home-province-capital', 'abolish'),
        assets: keyed([
          [LAND.assetId, LAND],
          [CAR.assetId, CAR],
        ]),
        staff: keyed([
          [ZHANG.staffId, ZHANG],
          [LI.staffId, LI],
        ]),
      },
    });
    expect(fold(cityOfficeInZhengzhou())).toMatchObject({
      status: 'proposed',
      retentionStartTier: 'municipal',
    });
  });

  it('a full retention approval folds to retained, step by step', () => {
    const history = fullRetentionApproval();
    const steps = history.map((_, index) => fold(...history.slice(0, index + 1)));
    expect(steps.map((state) => [state.status, 'tier' in state ? state.tier : undefined])).toStrictEqual([
      ['proposed', undefined],
      ['retention-requested', 'county'],
      ['retention-requested', 'municipal'],
      ['retention-requested', 'provincial'],
      ['retained', undefined],
    ]);
  });

  it('a return and resubmission fold back to the returning tier', () => {
    const history = [
      cityOfficeInZhengzhou(),
      retentionRequested('municipal'),
      retentionForwarded('municipal', 'provincial'),
      retentionReturned('provincial', '补充'),
    ];
    expect(fold(...history)).toMatchObject({
      status: 'returned-for-revision',
      returnedAt: 'provincial',
      comment: '补充',
    });
    expect(fold(...history, retentionResubmitted('provincial'))).toMatchObject({
      status: 'retention-requested',
      tier: 'provincial',
    });
  });

  it('rulings fold to proposed, with a start tier only when retention may be requested', () => {
    expect(status(fold(uncoveredOffice()))).toBe('awaiting-ruling');
    expect(fold(uncoveredOffice(), officeRuledOn('abolish'))).not.toHaveProperty('retentionStartTier');
    expect(fold(uncoveredOffice(), officeRuledOn('retention-may-be-requested', 'municipal'))).toMatchObject({
      status: 'proposed',
      retentionStartTier: 'municipal',
    });
  });

  it('abolition through closure tracks each disposal and placement', () => {
    const history = [
      countyOfficeInZhengzhou({ staff: [ZHANG] }),
      officeAbolished(),
      assetDisposed(transfer(LAND.assetId)),
      assetDisposed(writeOff(CAR.assetId)),
      staffPlaced(returnedToSponsor(ZHANG.staffId)),
      officeClosed(2, 1),
    ];
    expect(history.map((_, index) => status(fold(...history.slice(0, index + 1))))).toStrictEqual([
      'proposed',
      'abolished',
      'abolished',
      'abolished',
      'abolished',
      'closed',
    ]);
    const closed = fold(...history);
    expect(closed.status === 'closed' && closed.office.assets).toStrictEqual(
      keyed([
        [LAND.assetId, { ...LAND, disposal: transfer(LAND.assetId) }],
        [CAR.assetId, { ...CAR, disposal: writeOff(CAR.assetId) }],
      ]),
    );
    expect(closed.status === 'closed' && closed.office.staff).toStrictEqual(
      keyed([[ZHANG.staffId, { ...ZHANG, placement: returnedToSponsor(ZHANG.staffId) }]]),
    );
  });

  it('does not change the given state (events are applied to copies)', () => {
    const registered = fold(countyOfficeInZhengzhou());
    const snapshot = JSON.stringify(registered);
    evolve(evolve(registered, assetRegistered(BUILDING)), officeAbolished());
    expect(JSON.stringify(registered)).toBe(snapshot);
  });
});
