import { PolicyViolation } from '../errors';
import { RETAINED_FUNCTIONS, type RetainedFunction } from '../office/vocabulary';
import type { RecordFunction } from './commands';
import type { RegulationEvent } from './events';
import { mustBeRegulated, pastDay, required } from './guards';
import type { RegulationState } from './state';

/**
 * 四: a retained office serves economic cooperation, social management and public services, party and league
 * member services, and government liaison; reception and lobbying for projects and funds are no longer its work.
 */
export function recordFunction(
  { data }: RecordFunction,
  state: RegulationState,
  now: string,
): RegulationEvent[] {
  mustBeRegulated(state, data.officeId);
  if (!RETAINED_FUNCTIONS.includes(data.function as RetainedFunction)) {
    throw new PolicyViolation(
      '四',
      `"${data.function}" is not one of the functions of a retained office (四): ${RETAINED_FUNCTIONS.join(', ')}`,
      'function',
    );
  }
  return [
    {
      type: 'FunctionServed',
      data: {
        officeId: data.officeId,
        function: data.function as RetainedFunction,
        activity: required(data.activity, 'activity', '四', 'say what the office did'),
        evidence: required(
          data.evidence,
          'evidence',
          '四',
          'a function served is recorded with its evidence',
        ),
        occurredOn: pastDay(data.occurredOn, 'occurredOn', now),
        recordedAt: now,
      },
    },
  ];
}
