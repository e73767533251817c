import { commandTime, type Decider } from '../decider';
import { InvalidCommand, InvalidTransition } from '../errors';
import type { JurisdictionCatalog } from '../jurisdiction';
import type { FileWorkPlan, FileWorkSummary, UnitCommand } from './commands';
import type { UnitEvent } from './events';
import { evolve, initialState, type UnitState } from './state';

/** Filing the same plan again records nothing. */
function fileWorkPlan(command: FileWorkPlan, state: UnitState, now: string): UnitEvent[] {
  const { data } = command;
  const same =
    state.workPlan &&
    state.workPlan.leadDepartment === data.leadDepartment &&
    state.workPlan.liaisonPerson.name === data.liaisonPerson.name &&
    state.workPlan.liaisonPerson.phone === data.liaisonPerson.phone &&
    state.workPlan.plan === data.plan;
  return same ? [] : [{ type: 'WorkPlanFiled', data: { ...data, filedAt: now } }];
}

/** The work plan comes first (七); filing the same summary again records nothing. */
function fileWorkSummary(command: FileWorkSummary, state: UnitState, now: string): UnitEvent[] {
  if (!state.workPlan) {
    throw new InvalidTransition(
      `${command.data.unitId} has filed no work plan yet: the plan comes first (七)`,
      'no-work-plan',
      '七',
    );
  }
  if (state.workSummary?.summary === command.data.summary) return [];
  return [{ type: 'WorkSummaryFiled', data: { ...command.data, filedAt: now } }];
}

/** A unit's filings (七), given the jurisdiction tree: only county-level units and departments file. */
export function unitDecider(catalog: JurisdictionCatalog): Decider<UnitCommand, UnitEvent, UnitState> {
  return {
    decide(command, state) {
      const unit = catalog.find(command.data.unitId);
      if (!unit || (unit.kind !== 'county' && unit.kind !== 'department')) {
        throw new InvalidCommand(
          'unitId',
          `unitId ${command.data.unitId} is not a county-level unit or a department: only those file (七)`,
          '七',
        );
      }
      const now = commandTime(command);
      switch (command.type) {
        case 'FileWorkPlan':
          return fileWorkPlan(command, state, now);
        case 'FileWorkSummary':
          return fileWorkSummary(command, state, now);
        default: {
          const _: never = command;
          throw new Error(`unknown unit command ${JSON.stringify(_)}`);
        }
      }
    },
    evolve,
    initialState,
  };
}
