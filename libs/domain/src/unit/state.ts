import type { UnitEvent, WorkPlanFiled, WorkSummaryFiled } from './events';

export interface UnitState {
  workPlan?: WorkPlanFiled['data'];
  workSummary?: WorkSummaryFiled['data'];
}

export const initialState = (): UnitState => ({});

export function evolve(state: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case 'WorkPlanFiled':
      return { ...state, workPlan: event.data };
    case 'WorkSummaryFiled':
      return { ...state, workSummary: event.data };
    default: {
      const _: never = event;
      throw new Error(`unknown unit event ${JSON.stringify(_)}`);
    }
  }
}
