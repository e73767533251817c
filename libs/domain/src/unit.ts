import type { Decider } from './decider';
import { InvalidCommand, InvalidTransition } from './errors';
import type { JurisdictionCatalog } from './jurisdiction';

/**
 * A unit's filings (七): by the end of the planning phase its lead department, its liaison person (联络员) and its
 * work plan; by the end of the summary phase its work summary. Filing again replaces the earlier text; the first
 * filing is the one the deadline counts.
 */
export interface LiaisonPerson {
  name: string;
  phone: string;
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

export type UnitCommand =
  | { type: 'FileWorkPlan'; data: Omit<WorkPlanFiled['data'], 'filedAt'> & { now: string } }
  | { type: 'FileWorkSummary'; data: Omit<WorkSummaryFiled['data'], 'filedAt'> & { now: string } };

export interface UnitState {
  workPlan?: WorkPlanFiled['data'];
  workSummary?: WorkSummaryFiled['data'];
}

export const initialUnitState = (): UnitState => ({});

export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case 'WorkPlanFiled':
      return { ...state, workPlan: event.data };
    case 'WorkSummaryFiled':
      return { ...state, workSummary: event.data };
  }
}

export function decideUnit(
  command: UnitCommand,
  state: UnitState,
  catalog: JurisdictionCatalog,
): UnitEvent[] {
  const unit = catalog.find(command.data.unitId);
  if (!unit || (unit.kind !== 'county' && unit.kind !== 'department')) {
    throw new InvalidCommand(
      'unitId',
      `unitId ${command.data.unitId} is not a county-level unit or a department: only those file (七)`,
      '七',
    );
  }
  switch (command.type) {
    case 'FileWorkPlan': {
      const { now, ...data } = command.data;
      const same =
        state.workPlan &&
        state.workPlan.leadDepartment === data.leadDepartment &&
        state.workPlan.liaisonPerson.name === data.liaisonPerson.name &&
        state.workPlan.liaisonPerson.phone === data.liaisonPerson.phone &&
        state.workPlan.plan === data.plan;
      return same ? [] : [{ type: 'WorkPlanFiled', data: { ...data, filedAt: now } }];
    }
    case 'FileWorkSummary': {
      if (!state.workPlan) {
        throw new InvalidTransition(
          `${command.data.unitId} has filed no work plan yet: the plan comes first (七)`,
          'no-work-plan',
          '七',
        );
      }
      const { now, ...data } = command.data;
      if (state.workSummary?.summary === data.summary) return [];
      return [{ type: 'WorkSummaryFiled', data: { ...data, filedAt: now } }];
    }
  }
}

export const UNIT_STREAM_PREFIX = 'unit-';

export function unitStreamId(unitId: string): string {
  return `${UNIT_STREAM_PREFIX}${unitId}`;
}

export function unitDecider(catalog: JurisdictionCatalog): Decider<UnitCommand, UnitEvent, UnitState> {
  return {
    decide: (command, state) => decideUnit(command, state, catalog),
    evolve: evolveUnit,
    initialState: initialUnitState,
  };
}
