import { InvalidCommand } from '../errors';
import { JurisdictionCatalog } from '../jurisdiction';
import { HENAN_UNITS } from '../province';
import { givenWhenThen } from '../testing/given-when-then';
import type { AddUnit } from './commands';
import { unitDirectoryDecider } from './decide';
import { UnitConflict, UnitNotFound } from './errors';
import type { UnitAdded, UnitRetired } from './events';
import { applyToCatalog, treeOf } from './state';

const decider = unitDirectoryDecider(HENAN_UNITS);
const { given } = givenWhenThen(decider);

const addEducation: AddUnit = {
  type: 'AddUnit',
  data: {
    parentId: 'henan.nanyang.tanghe',
    key: 'education',
    name: '唐河县教育局',
    kind: 'department',
    reason: '唐河县教育局驻郑州办事处需登记',
  },
};
const educationAdded: UnitAdded = {
  type: 'UnitAdded',
  data: {
    unitId: 'henan.nanyang.tanghe.education',
    name: '唐河县教育局',
    kind: 'department',
    parentId: 'henan.nanyang.tanghe',
    reason: '唐河县教育局驻郑州办事处需登记',
  },
};
const educationRetired: UnitRetired = {
  type: 'UnitRetired',
  data: { unitId: 'henan.nanyang.tanghe.education', name: '唐河县教育局', reason: '机构改革撤并' },
};

describe('the unit directory: departments and management committees added, units renamed and retired', () => {
  it('adds a department under a county, its id the county’s and the key', () => {
    const { state } = given().when(addEducation).then(educationAdded);
    const tree = treeOf(HENAN_UNITS, state);
    expect(tree.sponsorKind('henan.nanyang.tanghe.education')).toBe('county-department');
    expect(tree.isWithin('henan.nanyang.tanghe.education', 'henan.nanyang')).toBe(true);
  });

  it('adds a management committee under a city, treated like a county-level government (一)', () => {
    const { state } = given()
      .when({
        type: 'AddUnit',
        data: {
          parentId: '410300',
          key: 'yibin-zone',
          name: '洛阳伊滨经济开发区管委会',
          kind: 'management-committee',
          reason: '新设管委会',
        },
      })
      .then({
        type: 'UnitAdded',
        data: {
          unitId: '410300.yibin-zone',
          name: '洛阳伊滨经济开发区管委会',
          kind: 'county',
          countyLevelKind: 'management-committee',
          parentId: '410300',
          reason: '新设管委会',
        },
      });
    expect(treeOf(HENAN_UNITS, state).sponsorKind('410300.yibin-zone')).toBe('county-government');
  });

  it('adding the same unit again records nothing; another unit under a taken id is refused', () => {
    given(educationAdded).when(addEducation).then();
    given(educationAdded)
      .when({ ...addEducation, data: { ...addEducation.data, name: '唐河县教育体育局' } })
      .thenThrows(UnitConflict, { field: 'key', message: 'exists already' });
  });

  it('refuses a second live unit of the same name under one government', () => {
    given(educationAdded)
      .when({ ...addEducation, data: { ...addEducation.data, key: 'education-2' } })
      .thenThrows(UnitConflict, { field: 'name', message: 'already has the name 唐河县教育局' });
  });

  it.each([
    ['a department under a department', { parentId: 'henan.nanyang.commerce' }, 'parentId', '一'],
    [
      'a management committee under a county',
      { kind: 'management-committee', parentId: '410302' },
      'parentId',
      '一',
    ],
    ['an unknown parent', { parentId: 'henan.nowhere' }, 'parentId', undefined],
    ['a parent named __proto__', { parentId: '__proto__' }, 'parentId', undefined],
    ['a key with a dot', { key: 'a.b' }, 'key', undefined],
    ['a key named __proto__', { key: '__proto__' }, 'key', undefined],
    ['an empty name', { name: '  ' }, 'name', undefined],
    ['a name with a control character', { name: '唐河县\u0000教育局' }, 'name', undefined],
    ['a name with a bidirectional override', { name: '唐河县\u202e教育局' }, 'name', undefined],
    ['no reason', { reason: ' ' }, 'reason', undefined],
    ['an unknown kind', { kind: 'bureau' }, 'kind', undefined],
  ] as const)('refuses %s, naming the field', (_what, change, field, ruleId) => {
    given()
      .when({ ...addEducation, data: { ...addEducation.data, ...change } } as AddUnit)
      .thenThrows(InvalidCommand, ruleId ? { field, ruleId } : { field });
  });

  it('renames a unit, keeping its id, with the name it had; the same name again records nothing', () => {
    const rename = {
      type: 'RenameUnit' as const,
      data: { unitId: 'henan.nanyang.tanghe.education', name: '唐河县教育体育局', reason: '机构改革更名' },
    };
    const { state } = given(educationAdded)
      .when(rename)
      .then({
        type: 'UnitRenamed',
        data: {
          unitId: 'henan.nanyang.tanghe.education',
          from: '唐河县教育局',
          to: '唐河县教育体育局',
          reason: '机构改革更名',
        },
      });
    expect(treeOf(HENAN_UNITS, state).find('henan.nanyang.tanghe.education')?.name).toBe('唐河县教育体育局');
    given(educationAdded, {
      type: 'UnitRenamed',
      data: { ...rename.data, from: '唐河县教育局', to: rename.data.name },
    })
      .when(rename)
      .then();
  });

  it('renames a unit of the static data too', () => {
    given()
      .when({ type: 'RenameUnit', data: { unitId: '410302', name: '老城区(新)', reason: '更名' } })
      .then({
        type: 'UnitRenamed',
        data: { unitId: '410302', from: '老城区', to: '老城区(新)', reason: '更名' },
      });
  });

  it('retires a unit, which stays in the tree as retired; retiring it again records nothing', () => {
    const { state } = given(educationAdded)
      .when({
        type: 'RetireUnit',
        data: { unitId: 'henan.nanyang.tanghe.education', reason: '机构改革撤并' },
      })
      .then(educationRetired);
    const tree = treeOf(HENAN_UNITS, state);
    expect(tree.find('henan.nanyang.tanghe.education')).toMatchObject({ retired: true });
    expect(tree.isLive('henan.nanyang.tanghe.education')).toBe(false);
    given(educationAdded, educationRetired)
      .when({ type: 'RetireUnit', data: { unitId: 'henan.nanyang.tanghe.education', reason: '再次' } })
      .then();
  });

  it('refuses to retire a unit with live units below it, naming them, and to rename a retired one', () => {
    given(educationAdded)
      .when({ type: 'RetireUnit', data: { unitId: 'henan.nanyang.tanghe', reason: '撤县设区' } })
      .thenThrows(UnitConflict, { field: 'unitId', message: /唐河县商务局.*唐河县教育局|retire them first/ });
    given(educationAdded, educationRetired)
      .when({
        type: 'RenameUnit',
        data: { unitId: 'henan.nanyang.tanghe.education', name: 'x', reason: 'y' },
      })
      .thenThrows(UnitConflict, { field: 'unitId', message: 'is retired' });
    given(educationAdded, educationRetired)
      .when({
        ...addEducation,
        data: { ...addEducation.data, parentId: 'henan.nanyang.tanghe.education', key: 'x' },
      })
      .thenThrows(InvalidCommand, { field: 'parentId', message: 'is retired' });
  });

  it('refuses to retire the province, and a change to a unit that does not exist', () => {
    given()
      .when({ type: 'RetireUnit', data: { unitId: 'henan', reason: 'x' } })
      .thenThrows(InvalidCommand, { field: 'unitId' });
    given()
      .when({ type: 'RenameUnit', data: { unitId: 'constructor', name: 'x', reason: 'y' } })
      .thenThrows(UnitNotFound, {});
  });

  it('brings a shared catalog up to date once per event, whichever way the event reaches it', () => {
    const catalog = new JurisdictionCatalog(HENAN_UNITS);
    applyToCatalog(catalog, educationAdded, 0);
    applyToCatalog(catalog, educationRetired, 1);
    applyToCatalog(catalog, educationAdded, 0); // seen again from the log: changes nothing
    expect(catalog.find('henan.nanyang.tanghe.education')).toMatchObject({ retired: true });
    expect(catalog.directoryVersion).toBe(2);
    expect(catalog.children('henan.nanyang.tanghe').map((unit) => unit.id)).toContain(
      'henan.nanyang.tanghe.education',
    );
  });
});
