import { InvalidTransition, PolicyViolation } from '../errors';
import type { RecordDecoupling } from './commands';
import type { RegulationEvent } from './events';
import { mustBeRegulated, pastDay, required } from './guards';
import type { RegulationState } from './state';

/** 五(一): the office is decoupled from its hotels, guesthouses and other business entities (脱钩), with evidence. */
export function recordDecoupling(
  { data }: RecordDecoupling,
  state: RegulationState,
  now: string,
): RegulationEvent[] {
  mustBeRegulated(state, data.officeId);
  const entities = data.entities.map((entity) => entity.trim()).filter((entity) => entity !== '');
  if (entities.length === 0) {
    throw new PolicyViolation(
      '五(一)',
      'name the hotels, guesthouses or other business entities the office is decoupled from (五(一))',
      'entities',
    );
  }
  const evidence = required(data.evidence, 'evidence', '五(一)', 'decoupling is recorded with its evidence');
  const decoupledOn = pastDay(data.decoupledOn, 'decoupledOn', now);
  if (state.decoupling) {
    const same =
      JSON.stringify(state.decoupling.entities) === JSON.stringify(entities) &&
      state.decoupling.evidence === evidence &&
      state.decoupling.decoupledOn === decoupledOn;
    if (same) return [];
    throw new InvalidTransition(
      `the office's decoupling was recorded at ${state.decoupling.recordedAt} (五(一))`,
      'decoupled',
      '五(一)',
    );
  }
  return [
    {
      type: 'DecouplingRecorded',
      data: { officeId: data.officeId, entities, evidence, decoupledOn, recordedAt: now },
    },
  ];
}
