import type { JurisdictionUnit } from '../jurisdiction';
import { NANYANG_UNITS } from '../nanyang';
import { countyLevelKind, divisionLevel, type Division } from './divisions';
import { HENAN_DIVISIONS } from './henan-divisions';

/** The province's own id and code: `henan` is what stores written before the whole province was loaded hold. */
export const HENAN_ID = 'henan';
const HENAN_CODE = '410000';
const NANYANG_CODE = '411300';

/**
 * County-level units the province administers directly (省直管县(市), Henan's reform of 2014): they report to the
 * province, not to the city the division codes place them in, so the plan's municipal tier has no government above
 * them. 邓州市 is why Nanyang's notice leaves it out of the city's units.
 */
export const PROVINCE_ADMINISTERED_CODES: ReadonlySet<string> = new Set([
  '410181', // 巩义市
  '410225', // 兰考县
  '410482', // 汝州市
  '410526', // 滑县
  '410783', // 长垣市
  '411381', // 邓州市
  '411481', // 永城市
  '411525', // 固始县
  '411628', // 鹿邑县
  '411729', // 新蔡县
]);

/**
 * Each government's offices administration bureau (机关事务管理局): the body that runs the clean-up and whose
 * approvers decide for that government (七, 八). Its id is the government's id and `.bureau`.
 */
function bureau(government: JurisdictionUnit, name: string): JurisdictionUnit {
  return { id: `${government.id}.bureau`, name, kind: 'department', parentId: government.id };
}

/**
 * 河南省 as the service runs it: the province and its bureau; every prefecture-level city with its bureau and its
 * county-level units (ids are the GB/T 2260 codes); 济源市, which the province administers directly, as a city of
 * its own; the province-administered counties directly under the province; and Nanyang's units as the notice
 * 宛政办〔2015〕93号 names them, under the slug ids stores already hold, each with its code.
 */
export function henanUnits(divisions: readonly Division[] = HENAN_DIVISIONS): JurisdictionUnit[] {
  const nanyangByCode = new Map(
    NANYANG_UNITS.filter((unit) => unit.code !== undefined).map((unit) => [unit.code!, unit]),
  );
  const idOf = (code: string) => (code === HENAN_CODE ? HENAN_ID : (nanyangByCode.get(code)?.id ?? code));
  const units: JurisdictionUnit[] = [];
  for (const division of divisions) {
    const level = divisionLevel(division.code);
    if (level === 'province') continue;
    if (division.code === NANYANG_CODE) {
      units.push(...NANYANG_UNITS.filter((unit) => !isProvincial(unit)));
      continue;
    }
    if (division.code.startsWith('4113') && nanyangByCode.has(division.code)) continue;
    const direct = division.provinceAdministered === true || PROVINCE_ADMINISTERED_CODES.has(division.code);
    const parentId = direct ? HENAN_ID : idOf(division.parentCode ?? HENAN_CODE);
    if (level === 'city' || division.provinceAdministered === true) {
      // 济源市 is county-level by rank but runs the campaign like a city (河南's 18 省辖市): it has no counties.
      const city: JurisdictionUnit = {
        id: division.code,
        name: division.name,
        kind: 'city',
        parentId,
        code: division.code,
      };
      units.push(city, bureau(city, `${division.name}机关事务管理局`));
      continue;
    }
    units.push({
      id: division.code,
      name: division.name,
      kind: 'county',
      parentId,
      countyLevelKind: countyLevelKind(division.code),
      code: division.code,
      ...(direct ? { provinceAdministered: true } : {}),
    });
  }
  return [...NANYANG_UNITS.filter(isProvincial), ...sortParentsFirst(units)];
}

/** The province and its own departments, which Nanyang's data carries too. */
function isProvincial(unit: JurisdictionUnit): boolean {
  return unit.kind === 'province' || (unit.parentId === HENAN_ID && unit.kind === 'department');
}

/** Every unit after its parent, keeping the source's order otherwise. */
function sortParentsFirst(units: JurisdictionUnit[]): JurisdictionUnit[] {
  const placed = new Set<string>([HENAN_ID]);
  const out: JurisdictionUnit[] = [];
  let pending = units;
  while (pending.length > 0) {
    const next: JurisdictionUnit[] = [];
    for (const unit of pending) {
      if (unit.parentId === undefined || placed.has(unit.parentId)) {
        out.push(unit);
        placed.add(unit.id);
      } else next.push(unit);
    }
    if (next.length === pending.length)
      throw new Error(`units with unknown parents: ${next.map((u) => u.id)}`);
    pending = next;
  }
  return out;
}

/** Every unit of the province, built once. */
export const HENAN_UNITS: readonly JurisdictionUnit[] = henanUnits();
