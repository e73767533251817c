/**
 * The unit directory: the changes made to the jurisdiction tree while the service runs — a department or a
 * management committee added under a government, a unit renamed or retired — each with its reason (the actor is
 * in the events' metadata). One stream for the whole tree, so the tree is one fold and its changes are ordered.
 * Type names and data shapes are what the store holds: never rename or reshape.
 */
export const UNIT_DIRECTORY_STREAM = 'jurisdiction-units';

/** What can be added: a functional department (职能部门) of a government, or a management committee (管委会). */
export type AddedUnitKind = 'department' | 'management-committee';

export interface UnitAdded {
  type: 'UnitAdded';
  data: {
    unitId: string;
    name: string;
    /** The tree's kind: a department, or `county` for a management committee (treated like a county, 一). */
    kind: 'department' | 'county';
    countyLevelKind?: 'management-committee';
    parentId: string;
    reason: string;
  };
}

export interface UnitRenamed {
  type: 'UnitRenamed';
  data: { unitId: string; from: string; to: string; reason: string };
}

/** The unit stays in the tree (its offices and history keep their place) but sponsors no new office. */
export interface UnitRetired {
  type: 'UnitRetired';
  data: { unitId: string; name: string; reason: string };
}

export type UnitDirectoryEvent = UnitAdded | UnitRenamed | UnitRetired;
