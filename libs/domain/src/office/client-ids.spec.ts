import { InvalidCommand, InvalidTransition } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import {
  CAR,
  LAND,
  nanyangContext,
  recordDisposal,
  recordPlacement,
  registerAsset,
  registerStaffMember,
  returnedToSponsor,
  transfer,
} from '../testing/office-fixtures';
import {
  assetDisposed,
  assetRegistered,
  countyOfficeInZhengzhou,
  fold,
  officeAbolished,
  staffMemberRegistered,
  staffPlaced,
} from '../testing/office-history';
import { officeDecider } from './decide';

const { given } = givenWhenThen(officeDecider(nanyangContext()));

/** Ids are the client's: names that an object inherits must be ids like any other, never entries already there. */
const INHERITED = ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'];

describe('asset and staff ids that an object inherits', () => {
  const abolished = [countyOfficeInZhengzhou(), officeAbolished()];

  it.each(INHERITED)('refuses disposing of %s, which was never registered', (assetId) => {
    given(...abolished)
      .when(recordDisposal(transfer(assetId)))
      .thenThrows(InvalidCommand, { field: 'assetId', message: 'is not registered' });
  });

  it.each(INHERITED)('refuses placing %s, who was never registered', (staffId) => {
    given(...abolished)
      .when(recordPlacement(returnedToSponsor(staffId)))
      .thenThrows(InvalidCommand, { field: 'staffId', message: 'is not registered' });
  });

  it.each(INHERITED)('registers, disposes of and counts an asset named %s', (assetId) => {
    const asset = { ...CAR, assetId };
    given(...abolished)
      .when(registerAsset(asset))
      .then(assetRegistered(asset));
    const {
      state: { office: state },
    } = given(...abolished, assetRegistered(asset))
      .when(recordDisposal(transfer(assetId)))
      .then(assetDisposed(transfer(assetId)));
    if (state.status !== 'abolished') throw new Error(state.status);
    expect(Object.keys(state.office.assets).sort()).toStrictEqual(
      [LAND.assetId, CAR.assetId, assetId].sort(),
    );
    expect(state.office.assets[assetId]?.disposal).toStrictEqual(transfer(assetId));
    given(...abolished, assetRegistered(asset), assetDisposed(transfer(assetId)))
      .when(recordDisposal(transfer(assetId)))
      .thenThrows(InvalidTransition, { status: 'abolished', message: 'already been disposed of' });
  });

  it.each(INHERITED)('registers and places a staff member with the id %s', (staffId) => {
    const member = { staffId, name: '王强' };
    given(...abolished)
      .when(registerStaffMember(member))
      .then(staffMemberRegistered(member));
    given(...abolished, staffMemberRegistered(member))
      .when(recordPlacement(returnedToSponsor(staffId)))
      .then(staffPlaced(returnedToSponsor(staffId)));
  });

  it('keeps a registered __proto__ asset as an entry, not as the record prototype', () => {
    const state = fold(...abolished, assetRegistered({ ...CAR, assetId: '__proto__' }));
    if (state.status !== 'abolished') throw new Error(state.status);
    expect(JSON.parse(JSON.stringify(state.office.assets))).toHaveProperty(
      ['__proto__', 'assetId'],
      '__proto__',
    );
  });
});
