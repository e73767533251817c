/**
 * A unit's filings (七): by the end of the planning phase its lead department, its liaison person (联络员) and its
 * work plan; by the end of the summary phase its work summary. Filing again replaces the earlier text; the first
 * filing is the one the deadline counts.
 */
export interface LiaisonPerson {
  name: string;
  phone: string;
}

/** Each filing unit has its own stream, `unit-<unitId>`. */
export const UNIT_STREAM_PREFIX = 'unit-';

export function unitStreamId(unitId: string): string {
  return `${UNIT_STREAM_PREFIX}${unitId}`;
}

export interface WorkPlanFiled {
  type: 'WorkPlanFiled';
  data: {
    unitId: string;
    leadDepartment: string;
    liaisonPerson: LiaisonPerson;
    plan: string;
    filedAt: string;
  };
}

export interface WorkSummaryFiled {
  type: 'WorkSummaryFiled';
  data: { unitId: string; summary: string; filedAt: string };
}

export type UnitEvent = WorkPlanFiled | WorkSummaryFiled;
