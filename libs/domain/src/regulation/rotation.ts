import type { RecordRotation } from './commands';
import type { RegulationEvent } from './events';
import { mustBeRegulated, pastDay, required } from './guards';
import { InvalidCommand } from '../errors';
import type { RegulationState } from './state';

/** 六(三): the office's cadres rotate periodically (定期轮换); each rotation is recorded with its evidence. */
export function recordRotation(
  { data }: RecordRotation,
  state: RegulationState,
  now: string,
): RegulationEvent[] {
  mustBeRegulated(state, data.officeId);
  if (data.direction !== 'in' && data.direction !== 'out') {
    throw new InvalidCommand('direction', 'direction must be in or out');
  }
  return [
    {
      type: 'CadreRotated',
      data: {
        officeId: data.officeId,
        cadre: required(data.cadre, 'cadre', '六(三)', 'name the cadre rotated'),
        direction: data.direction,
        rotatedOn: pastDay(data.rotatedOn, 'rotatedOn', now),
        evidence: required(
          data.evidence,
          'evidence',
          '六(三)',
          'a rotation is recorded with its appointment document',
        ),
        recordedAt: now,
      },
    },
  ];
}
