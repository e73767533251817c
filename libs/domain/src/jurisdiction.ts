/**
 * The jurisdiction tree: province → city → county-level unit → department (a department belongs to the
 * government above it). Data, not code, so every city of a province can be loaded the same way: the province's
 * divisions come from generated data (province/), and the unit directory's events (directory/) add departments
 * and management committees, rename and retire units while the service runs.
 *
 * Unit ids: a unit's GB/T 2260 code is its id (`410300` 洛阳市, `410302` 老城区) — except the province and the units
 * of Nanyang that existed before the whole province was loaded, which keep the slug ids stores already hold
 * (`henan`, `henan.nanyang`, `henan.nanyang.tanghe`) and record their code in `code`. A department has no code: its
 * id is its government's id and a key (`henan.nanyang.tanghe.education`, `410300.bureau`). Ids never change; a
 * rename changes the name only.
 */
export type UnitKind = 'province' | 'city' | 'county' | 'department';
/**
 * What a county-level unit is: a county, a district, a county-level city, or a management committee treated like
 * one (管委会: development zones, 工区).
 */
export type CountyLevelKind = 'county' | 'district' | 'county-level-city' | 'management-committee';

export interface JurisdictionUnit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId?: string;
  countyLevelKind?: CountyLevelKind;
  /** The division code (GB/T 2260, or the statistical code of a development zone), where the unit has one. */
  code?: string;
  /** Retired (a merger, an abolished department): it keeps its place in the tree but sponsors no new office. */
  retired?: boolean;
  /** Administered directly by the province although it is county-level (省直管县(市)). */
  provinceAdministered?: boolean;
}

/** The sponsor (派出单位) categories the disposition rules of section 三 distinguish. */
export type SponsorKind =
  'county-government' | 'county-department' | 'municipal-government' | 'municipal-department';

export class JurisdictionCatalog {
  private readonly byId = new Map<string, JurisdictionUnit>();
  private readonly byCode = new Map<string, string>();
  private readonly childIds = new Map<string, string[]>();
  /**
   * How many events of the unit directory stream this catalog reflects (the next revision it expects). The
   * catalog is shared by everything in a process and only ever moves forward: units are added, renamed and
   * retired, never removed, so a reader that sees it ahead of the events it is handling still finds every unit.
   */
  directoryVersion = 0;

  /** The units the catalog was built from, before any directory event. */
  readonly base: readonly JurisdictionUnit[];

  constructor(units: readonly JurisdictionUnit[]) {
    this.base = units;
    for (const unit of units) {
      if (this.byId.has(unit.id)) throw new Error(`duplicate jurisdiction unit ${unit.id}`);
      this.byId.set(unit.id, unit);
    }
    for (const unit of units) {
      if (unit.parentId !== undefined && !this.byId.has(unit.parentId)) {
        throw new Error(`jurisdiction unit ${unit.id} names unknown parent ${unit.parentId}`);
      }
    }
    // lineage() walks parents until the root; a cycle in loaded data would make it loop forever.
    for (const unit of units) {
      const seen = new Set<string>();
      for (let current: JurisdictionUnit | undefined = unit; current;) {
        if (seen.has(current.id))
          throw new Error(`jurisdiction unit ${unit.id} is its own ancestor (parent cycle)`);
        seen.add(current.id);
        current = current.parentId === undefined ? undefined : this.byId.get(current.parentId);
      }
    }
    for (const unit of units) this.index(unit);
  }

  private index(unit: JurisdictionUnit): void {
    if (unit.code !== undefined) this.byCode.set(unit.code, unit.id);
    if (unit.parentId !== undefined) {
      const siblings = this.childIds.get(unit.parentId) ?? [];
      if (!siblings.includes(unit.id)) siblings.push(unit.id);
      this.childIds.set(unit.parentId, siblings);
    }
  }

  /**
   * Adds a unit under a parent already in the tree, or replaces a unit's record (a rename, a retirement) keeping
   * its place: the unit directory's events reach the catalog only through here.
   */
  put(unit: JurisdictionUnit): void {
    const existing = this.byId.get(unit.id);
    if (existing && existing.parentId !== unit.parentId) {
      throw new Error(
        `jurisdiction unit ${unit.id} cannot move from ${existing.parentId} to ${unit.parentId}`,
      );
    }
    if (!existing && (unit.parentId === undefined || !this.byId.has(unit.parentId))) {
      throw new Error(`jurisdiction unit ${unit.id} names unknown parent ${String(unit.parentId)}`);
    }
    this.byId.set(unit.id, unit);
    this.index(unit);
  }

  /** The unit that has this division code. */
  findByCode(code: string): JurisdictionUnit | undefined {
    const id = this.byCode.get(code);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The units directly below `id`, in the order they were added. */
  children(id: string): JurisdictionUnit[] {
    return (this.childIds.get(id) ?? []).map((child) => this.byId.get(child)!);
  }

  /** A unit that exists and is not retired. */
  isLive(id: string): boolean {
    const unit = this.byId.get(id);
    return unit !== undefined && unit.retired !== true;
  }

  all(): JurisdictionUnit[] {
    return [...this.byId.values()];
  }

  find(id: string): JurisdictionUnit | undefined {
    // Own keys only: an id such as `__proto__` or `constructor` is no unit.
    return typeof id === 'string' ? this.byId.get(id) : undefined;
  }

  get(id: string): JurisdictionUnit {
    const unit = this.byId.get(id);
    if (!unit) throw new Error(`unknown jurisdiction unit ${id}`);
    return unit;
  }

  /** The unit itself first, then each parent up to the root. */
  lineage(id: string): JurisdictionUnit[] {
    const chain: JurisdictionUnit[] = [];
    let current = this.byId.get(id);
    while (current) {
      chain.push(current);
      current = current.parentId === undefined ? undefined : this.byId.get(current.parentId);
    }
    return chain;
  }

  /** The nearest unit of the given kind at or above `id`. */
  nearest(id: string, kind: UnitKind): JurisdictionUnit | undefined {
    return this.lineage(id).find((unit) => unit.kind === kind);
  }

  /** True when `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean {
    return this.lineage(id).some((unit) => unit.id === ancestorId);
  }

  /** The sponsor category of a unit, or undefined when the unit cannot sponsor an office under this plan. */
  sponsorKind(id: string): SponsorKind | undefined {
    const unit = this.byId.get(id);
    if (!unit) return undefined;
    if (unit.kind === 'county') return 'county-government';
    if (unit.kind === 'city') return 'municipal-government';
    if (unit.kind === 'department' && unit.parentId !== undefined) {
      const government = this.byId.get(unit.parentId);
      if (government?.kind === 'county') return 'county-department';
      if (government?.kind === 'city') return 'municipal-department';
    }
    return undefined;
  }
}

/** Cities the plan covers as host cities (一): provincial capitals, cities with separate planning status, SEZs. */
export type HostCityKind = 'provincial-capital' | 'separately-planned-city' | 'special-economic-zone';

export interface HostCity {
  id: string;
  name: string;
  /** The province-level unit the city lies in, as a jurisdiction id (e.g. `henan`). */
  provinceId: string;
  kinds: HostCityKind[];
}
