import { JurisdictionCatalog, type JurisdictionUnit } from './jurisdiction';
import { HOST_CITIES, NANYANG_UNITS } from './nanyang';

const catalog = new JurisdictionCatalog(NANYANG_UNITS);

describe('the jurisdiction tree: province → city → county-level unit → department', () => {
  it.each([
    ['henan.nanyang.wancheng', 'county-government'],
    ['henan.nanyang.high-tech-zone', 'county-government'],
    ['henan.nanyang', 'municipal-government'],
    ['henan.nanyang.commerce', 'municipal-department'],
    ['henan.nanyang.xichuan.commerce', 'county-department'],
  ] as const)('%s sponsors as a %s', (id, kind) => {
    expect(catalog.sponsorKind(id)).toBe(kind);
  });

  it.each(['henan', 'henan.bureau', 'nowhere'])('%s cannot sponsor an office under this plan', (id) => {
    expect(catalog.sponsorKind(id)).toBeUndefined();
  });

  it('lineage runs from the unit up to the province', () => {
    expect(catalog.lineage('henan.nanyang.xichuan.commerce').map((unit) => unit.id)).toStrictEqual([
      'henan.nanyang.xichuan.commerce',
      'henan.nanyang.xichuan',
      'henan.nanyang',
      'henan',
    ]);
    expect(catalog.lineage('nowhere')).toStrictEqual([]);
  });

  it('finds the nearest unit of a kind and tells what lies within what', () => {
    expect(catalog.nearest('henan.nanyang.xixia.agriculture', 'county')?.id).toBe('henan.nanyang.xixia');
    expect(catalog.nearest('henan.nanyang.xixia.agriculture', 'province')?.id).toBe('henan');
    expect(catalog.nearest('henan.nanyang', 'county')).toBeUndefined();
    expect(catalog.isWithin('henan.nanyang.xixia.agriculture', 'henan.nanyang')).toBe(true);
    expect(catalog.isWithin('henan.nanyang.xixia.agriculture', 'henan.nanyang.xichuan')).toBe(false);
    expect(catalog.isWithin('henan.nanyang', 'henan.nanyang')).toBe(true);
  });

  it('get refuses an unknown unit; find returns undefined', () => {
    expect(() => catalog.get('nowhere')).toThrow('unknown jurisdiction unit nowhere');
    expect(catalog.find('nowhere')).toBeUndefined();
  });

  it('refuses a duplicate unit and an unknown parent', () => {
    const province: JurisdictionUnit = { id: 'p', name: 'P', kind: 'province' };
    expect(() => new JurisdictionCatalog([province, { ...province }])).toThrow(
      'duplicate jurisdiction unit p',
    );
    expect(() => new JurisdictionCatalog([{ id: 'c', name: 'C', kind: 'city', parentId: 'p' }])).toThrow(
      'names unknown parent p',
    );
  });

  it('refuses a parent cycle, which would otherwise make every lookup above it loop forever', () => {
    expect(
      () =>
        new JurisdictionCatalog([
          { id: 'a', name: 'A', kind: 'city', parentId: 'b' },
          { id: 'b', name: 'B', kind: 'county', parentId: 'a' },
        ]),
    ).toThrow('cycle');
    expect(() => new JurisdictionCatalog([{ id: 'a', name: 'A', kind: 'city', parentId: 'a' }])).toThrow(
      'cycle',
    );
  });
});

describe('南阳: the units the notice names', () => {
  const countyLevel = catalog.all().filter((unit) => unit.kind === 'county');

  it('has the twelve counties and districts and the four management committees, all under the city', () => {
    expect(
      countyLevel.filter((unit) => unit.countyLevelKind !== 'management-committee').map((unit) => unit.name),
    ).toStrictEqual([
      '宛城区',
      '卧龙区',
      '南召县',
      '方城县',
      '西峡县',
      '镇平县',
      '内乡县',
      '淅川县',
      '社旗县',
      '唐河县',
      '新野县',
      '桐柏县',
    ]);
    expect(countyLevel.filter((unit) => unit.countyLevelKind === 'management-committee')).toHaveLength(4);
    expect(countyLevel.every((unit) => unit.parentId === 'henan.nanyang')).toBe(true);
  });

  it('leaves out 邓州市, which the province administers directly', () => {
    expect(catalog.all().some((unit) => unit.name.includes('邓州'))).toBe(false);
  });
});

describe('一 host cities: capitals, separately planned cities and SEZs', () => {
  it('has one capital per province-level unit, Zhengzhou for Henan', () => {
    const capitals = HOST_CITIES.filter((city) => city.kinds.includes('provincial-capital'));
    expect(capitals).toHaveLength(31);
    expect(new Set(capitals.map((city) => city.provinceId)).size).toBe(31);
    expect(capitals.filter((city) => city.provinceId === 'henan').map((city) => city.id)).toStrictEqual([
      'zhengzhou',
    ]);
  });

  it('has the five separately planned cities', () => {
    expect(
      HOST_CITIES.filter((city) => city.kinds.includes('separately-planned-city'))
        .map((city) => city.name)
        .sort(),
    ).toStrictEqual(['大连', '青岛', '宁波', '厦门', '深圳'].sort());
  });

  it('has unique ids', () => {
    expect(new Set(HOST_CITIES.map((city) => city.id)).size).toBe(HOST_CITIES.length);
  });
});
