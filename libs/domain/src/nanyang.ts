import type { JurisdictionUnit } from './jurisdiction';

export { HOST_CITIES } from './host-cities';

/**
 * Henan province and the city of Nanyang, as the notice 宛政办〔2015〕93号 names them, with the slug ids stores
 * written before the whole province was loaded hold (province/henan.ts puts them in the province's tree) and each
 * unit's division code where it has one.
 */
export const NANYANG_UNITS: readonly JurisdictionUnit[] = [
  { id: 'henan', name: '河南省', kind: 'province', code: '410000' },
  { id: 'henan.bureau', name: '河南省机关事务管理局', kind: 'department', parentId: 'henan' },
  { id: 'henan.nanyang', name: '南阳市', kind: 'city', parentId: 'henan', code: '411300' },
  // 市直机关事务管理局 leads the campaign in the city (七(一)).
  {
    id: 'henan.nanyang.bureau',
    name: '南阳市直机关事务管理局',
    kind: 'department',
    parentId: 'henan.nanyang',
  },
  { id: 'henan.nanyang.commerce', name: '南阳市商务局', kind: 'department', parentId: 'henan.nanyang' },
  { id: 'henan.nanyang.drc', name: '南阳市发展和改革委员会', kind: 'department', parentId: 'henan.nanyang' },
  { id: 'henan.nanyang.transport', name: '南阳市交通运输局', kind: 'department', parentId: 'henan.nanyang' },
  ...county('wancheng', '宛城区', 'district', '411302'),
  ...county('wolong', '卧龙区', 'district', '411303'),
  ...county('nanzhao', '南召县', 'county', '411321'),
  ...county('fangcheng', '方城县', 'county', '411322'),
  ...county('xixia', '西峡县', 'county', '411323'),
  ...county('zhenping', '镇平县', 'county', '411324'),
  ...county('neixiang', '内乡县', 'county', '411325'),
  ...county('xichuan', '淅川县', 'county', '411326'),
  ...county('sheqi', '社旗县', 'county', '411327'),
  ...county('tanghe', '唐河县', 'county', '411328'),
  ...county('xinye', '新野县', 'county', '411329'),
  ...county('tongbai', '桐柏县', 'county', '411330'),
  ...county('demonstration-zone', '南阳市城乡一体化示范区管委会', 'management-committee', '411372'),
  ...county('high-tech-zone', '南阳高新区管委会', 'management-committee', '411371'),
  ...county('guanzhuang', '官庄工区管委会', 'management-committee'),
  ...county('yahe', '鸭河工区管委会', 'management-committee'),
  {
    id: 'henan.nanyang.xichuan.commerce',
    name: '淅川县商务局',
    kind: 'department',
    parentId: 'henan.nanyang.xichuan',
  },
  {
    id: 'henan.nanyang.xixia.agriculture',
    name: '西峡县农业局',
    kind: 'department',
    parentId: 'henan.nanyang.xixia',
  },
  {
    id: 'henan.nanyang.tanghe.commerce',
    name: '唐河县商务局',
    kind: 'department',
    parentId: 'henan.nanyang.tanghe',
  },
];

function county(
  slug: string,
  name: string,
  countyLevelKind: JurisdictionUnit['countyLevelKind'],
  code?: string,
): JurisdictionUnit[] {
  return [
    {
      id: `henan.nanyang.${slug}`,
      name,
      kind: 'county',
      parentId: 'henan.nanyang',
      countyLevelKind,
      ...(code ? { code } : {}),
    },
  ];
}
