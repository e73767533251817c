/**
 * The jurisdiction tree: province → city → county-level unit → department (a department belongs to the
 * government above it). Data, not code, so every city of a province can be loaded the same way.
 */
export type UnitKind = 'province' | 'city' | 'county' | 'department';
/** What a county-level unit is: a county, a district, or a management committee treated like one (管委会). */
export type CountyLevelKind = 'county' | 'district' | 'management-committee';

export interface JurisdictionUnit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId?: string;
  countyLevelKind?: CountyLevelKind;
}

/** The sponsor (派出单位) categories the disposition rules of section 三 distinguish. */
export type SponsorKind =
  'county-government' | 'county-department' | 'municipal-government' | 'municipal-department';

export class JurisdictionCatalog {
  private readonly byId = new Map<string, JurisdictionUnit>();

  constructor(units: readonly JurisdictionUnit[]) {
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
  }

  all(): JurisdictionUnit[] {
    return [...this.byId.values()];
  }

  find(id: string): JurisdictionUnit | undefined {
    return this.byId.get(id);
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
