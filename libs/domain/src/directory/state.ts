import { JurisdictionCatalog, type JurisdictionUnit } from '../jurisdiction';
import type { UnitDirectoryEvent } from './events';

/** The units the directory's events have added or changed, in the order they were first touched. */
export interface UnitDirectoryState {
  changed: ReadonlyMap<string, JurisdictionUnit>;
}

export const initialState = (): UnitDirectoryState => ({ changed: new Map() });

/** A unit as an event leaves it, given what it was before. */
export function unitAfter(event: UnitDirectoryEvent, before: JurisdictionUnit | undefined): JurisdictionUnit {
  switch (event.type) {
    case 'UnitAdded': {
      const { unitId, name, kind, parentId, countyLevelKind } = event.data;
      return { id: unitId, name, kind, parentId, ...(countyLevelKind ? { countyLevelKind } : {}) };
    }
    case 'UnitRenamed':
      return { ...existing(before, event.data.unitId), name: event.data.to };
    case 'UnitRetired':
      return { ...existing(before, event.data.unitId), retired: true };
    default: {
      const _: never = event;
      throw new Error(`unknown unit directory event ${JSON.stringify(_)}`);
    }
  }
}

function existing(unit: JurisdictionUnit | undefined, unitId: string): JurisdictionUnit {
  if (!unit) throw new Error(`unit directory event for unit ${unitId}, which is not in the tree`);
  return unit;
}

/** The directory's state over a base tree: the base's unit unless an event changed it. */
export function evolveOver(base: JurisdictionCatalog) {
  return (state: UnitDirectoryState, event: UnitDirectoryEvent): UnitDirectoryState => {
    const unitId = event.data.unitId;
    const changed = new Map(state.changed);
    changed.set(unitId, unitAfter(event, state.changed.get(unitId) ?? base.find(unitId)));
    return { changed };
  };
}

/** The whole tree: the base with every change applied, as a catalog of its own. */
export function treeOf(base: readonly JurisdictionUnit[], state: UnitDirectoryState): JurisdictionCatalog {
  const tree = new JurisdictionCatalog(base);
  for (const unit of state.changed.values()) tree.put(unit);
  return tree;
}

/**
 * Brings a shared catalog up to date with one event of the directory stream at `revision`; an event it already
 * reflects (a process applies events both from the log it follows and from reading the stream) changes nothing.
 */
export function applyToCatalog(
  catalog: JurisdictionCatalog,
  event: UnitDirectoryEvent,
  revision: number,
): void {
  if (revision < catalog.directoryVersion) return;
  catalog.put(unitAfter(event, catalog.find(event.data.unitId)));
  catalog.directoryVersion = revision + 1;
}
