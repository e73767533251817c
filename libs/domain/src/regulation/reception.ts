import type { RecordReception } from './commands';
import type { RegulationEvent } from './events';
import { amount, mustBeRegulated, once, pastDay, recordId, required } from './guards';
import type { RegulationState } from './state';

/** 五(二): every official reception is kept with its reception letter (公函) and its reception list (清单). */
export function recordReception(
  { data }: RecordReception,
  state: RegulationState,
  now: string,
): RegulationEvent[] {
  mustBeRegulated(state, data.officeId);
  const reception = {
    officeId: data.officeId,
    receptionId: recordId(data.receptionId, 'receptionId'),
    receivedOn: pastDay(data.receivedOn, 'receivedOn', now),
    guestUnit: required(data.guestUnit, 'guestUnit', '五(二)', 'name the unit received'),
    letterReference: required(
      data.letterReference,
      'letterReference',
      '五(二)',
      'an official reception needs the reception letter (接待公函) of the unit received',
    ),
    list: required(
      data.list,
      'list',
      '五(二)',
      'an official reception needs its reception list (接待清单): what was provided, and at what cost',
    ),
    cost: amount(data.cost, 'cost'),
  };
  const existing = state.receptions[reception.receptionId];
  if (once(existing, reception, `reception ${reception.receptionId}`, '五(二)')) return [];
  return [{ type: 'ReceptionRecorded', data: { ...reception, recordedAt: now } }];
}
