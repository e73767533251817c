import { commandTime, type Decider } from '../decider';
import { appraisalDeadline, deadline, disclosureDeadline, type RegulationPolicy } from './deadlines';
import { recordAppraisal } from './appraisal';
import type { OpenRegulation, RegulationCommand } from './commands';
import { receiveComplaint, resolveComplaint } from './complaint';
import { recordDecoupling } from './decoupling';
import { publishDisclosure } from './disclosure';
import type { RegulationEvent } from './events';
import { recordFunction } from './functions';
import { cstYear } from './guards';
import { recordSupervision } from './inspection';
import { recordReception } from './reception';
import { recordRotation } from './rotation';
import { evolve, initialState, type RegulationState } from './state';

/** Opening again is a retry. The first deadlines of 五 and 六 are decided here, once, and recorded. */
function open({ data }: OpenRegulation, state: RegulationState, policy: RegulationPolicy): RegulationEvent[] {
  if (state.office) return [];
  const retainedAt = new Date(data.retainedAt).toISOString();
  const year = cstYear(retainedAt);
  return [
    { type: 'RegulationOpened', data: { ...data, retainedAt } },
    ...deadline(state, policy, data.officeId, 'decoupling', retainedAt),
    ...disclosureDeadline(state, policy, data.officeId, year, retainedAt),
    ...appraisalDeadline(state, policy, data.officeId, year),
  ];
}

/** A retained office's duties under 四, 五 and 六, given the time each duty with a date has. */
export function regulationDecider(
  policy: RegulationPolicy,
): Decider<RegulationCommand, RegulationEvent, RegulationState> {
  return {
    decide(command, state) {
      switch (command.type) {
        case 'OpenRegulation':
          return open(command, state, policy);
        case 'RecordFunction':
          return recordFunction(command, state, commandTime(command));
        case 'RecordDecoupling':
          return recordDecoupling(command, state, commandTime(command));
        case 'RecordReception':
          return recordReception(command, state, commandTime(command));
        case 'PublishDisclosure':
          return publishDisclosure(command, state, commandTime(command), policy);
        case 'RecordRotation':
          return recordRotation(command, state, commandTime(command));
        case 'RecordAppraisal':
          return recordAppraisal(command, state, commandTime(command), policy);
        case 'RecordSupervision':
          return recordSupervision(command, state, commandTime(command));
        case 'ReceiveComplaint':
          return receiveComplaint(command, state, commandTime(command), policy);
        case 'ResolveComplaint':
          return resolveComplaint(command, state, commandTime(command));
        default: {
          const _: never = command;
          throw new Error(`unknown regulation command ${JSON.stringify(_)}`);
        }
      }
    },
    evolve,
    initialState,
  };
}
