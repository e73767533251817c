import type { CountyLevelKind } from '../jurisdiction';

/** One administrative division as the generated data gives it (scripts/generate-henan-divisions.mjs). */
export interface Division {
  /** Six digits: GB/T 2260 (the first two the province, the next two the city, the last two the county). */
  code: string;
  name: string;
  parentCode?: string;
  /** Listed under the province's 省直辖县级行政区划 grouping rather than under a city (济源市). */
  provinceAdministered?: boolean;
}

/**
 * A county-level division's kind from its code's last two digits (GB/T 2260 编码规则): 01–20 districts (市辖区),
 * 21–70 counties, 71–80 the development zones statistics number and management committees run, 81–99 county-level
 * cities.
 */
export function countyLevelKind(code: string): CountyLevelKind {
  const serial = Number(code.slice(4));
  if (serial <= 20) return 'district';
  if (serial <= 70) return 'county';
  if (serial <= 80) return 'management-committee';
  return 'county-level-city';
}

/** The level of a division: the province (xx0000), a prefecture-level city (xxxx00), or county-level. */
export function divisionLevel(code: string): 'province' | 'city' | 'county' {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'city' : 'county';
}
