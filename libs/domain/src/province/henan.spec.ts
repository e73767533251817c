import { approverTier } from '../account';
import { JurisdictionCatalog } from '../jurisdiction';
import { NANYANG_UNITS } from '../nanyang';
import { HENAN_DIVISIONS } from './henan-divisions';
import { HENAN_UNITS, PROVINCE_ADMINISTERED_CODES } from './henan';

const catalog = new JurisdictionCatalog(HENAN_UNITS);
const PREFECTURES = [
  '郑州市',
  '开封市',
  '洛阳市',
  '平顶山市',
  '安阳市',
  '鹤壁市',
  '新乡市',
  '焦作市',
  '濮阳市',
  '许昌市',
  '漯河市',
  '三门峡市',
  '南阳市',
  '商丘市',
  '信阳市',
  '周口市',
  '驻马店市',
];

describe('河南省: the whole province from the division codes', () => {
  const cities = catalog.children('henan').filter((unit) => unit.kind === 'city');

  it('has every one of the 17 prefecture-level cities and 济源市, each with a 41xxxx code', () => {
    expect(cities.map((city) => city.name).sort()).toStrictEqual([...PREFECTURES, '济源市'].sort());
    for (const city of cities) expect(city.code).toMatch(/^41\d{4}$/);
    expect(catalog.find('419001')).toMatchObject({ name: '济源市', kind: 'city', code: '419001' });
  });

  it('gives every division in the generated data a unit with its code, and every code is 41xxxx', () => {
    for (const division of HENAN_DIVISIONS) {
      expect(catalog.findByCode(division.code)?.code).toBe(division.code);
    }
    for (const unit of HENAN_UNITS.filter((u) => u.code !== undefined))
      expect(unit.code).toMatch(/^41\d{4}$/);
  });

  it('uses the code as the id of every unit outside Nanyang, and keeps the slug ids stores hold for Nanyang', () => {
    expect(catalog.findByCode('410300')?.id).toBe('410300');
    expect(catalog.findByCode('410302')).toMatchObject({
      id: '410302',
      name: '老城区',
      parentId: '410300',
      countyLevelKind: 'district',
    });
    expect(catalog.findByCode('411328')?.id).toBe('henan.nanyang.tanghe');
    expect(catalog.findByCode('411300')?.id).toBe('henan.nanyang');
    expect(catalog.findByCode('411371')?.id).toBe('henan.nanyang.high-tech-zone');
    for (const unit of NANYANG_UNITS) expect(catalog.find(unit.id)).toStrictEqual(unit);
  });

  it('classifies county-level units by their code: districts, counties, county-level cities, zones', () => {
    expect(catalog.find('410181')).toMatchObject({ name: '巩义市', countyLevelKind: 'county-level-city' });
    expect(catalog.find('410322')).toBeUndefined(); // 孟津县 became 孟津区 (410308) in 2021
    expect(catalog.find('410308')).toMatchObject({ name: '孟津区', countyLevelKind: 'district' });
    expect(catalog.find('410171')).toMatchObject({ countyLevelKind: 'management-committee' });
    expect(catalog.sponsorKind('410171')).toBe('county-government');
  });

  it('puts the province-administered counties (省直管县) directly under the province, 邓州市 among them', () => {
    for (const code of PROVINCE_ADMINISTERED_CODES) {
      expect(catalog.find(code)).toMatchObject({
        parentId: 'henan',
        kind: 'county',
        provinceAdministered: true,
      });
    }
    expect(catalog.find('411381')?.name).toBe('邓州市');
    expect(catalog.children('henan.nanyang').some((unit) => unit.name === '邓州市')).toBe(false);
  });

  it('gives every city an offices administration bureau whose approvers decide at the municipal tier', () => {
    for (const city of cities) {
      const bureau = catalog.find(`${city.id}.bureau`);
      expect(bureau).toMatchObject({ kind: 'department', parentId: city.id });
      expect(approverTier(catalog, bureau!.id)).toBe('municipal');
    }
    expect(catalog.find('410300.bureau')?.name).toBe('洛阳市机关事务管理局');
    expect(approverTier(catalog, 'henan.bureau')).toBe('provincial');
  });

  it('every city and county-level unit sponsors; the province and its bureau do not', () => {
    expect(catalog.sponsorKind('410300')).toBe('municipal-government');
    expect(catalog.sponsorKind('410302')).toBe('county-government');
    expect(catalog.sponsorKind('410300.bureau')).toBe('municipal-department');
    expect(catalog.sponsorKind('henan')).toBeUndefined();
    expect(catalog.sponsorKind('henan.bureau')).toBeUndefined();
  });
});
