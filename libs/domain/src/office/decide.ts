import { commandTime, type Decider } from '../decider';
import { abolishOffice, closeOffice, recordAssetDisposal, recordStaffPlacement } from './abolition';
import type { OfficeCommand } from './commands';
import type { OfficeEvent } from './events';
import { registerAsset, registerOffice, registerStaffMember, type OfficeContext } from './registration';
import { decideRetention, requestRetention, resubmitRetention } from './retention';
import { ruleOnOffice } from './ruling';
import { evolve, initialState, type OfficeState } from './state';
import { applyTaskSla, recordTaskDeadlines, withDueDates } from './task-deadlines';
import { evolveTasks, type OfficeStream } from './task-ledger';
import { claimTask, delegateTask, releaseTask } from './tasks';

/** What a command to an office decides; each rule lives in the file named after the plan's section. */
function decide(
  command: Exclude<OfficeCommand, { type: 'ApplyTaskSla' | 'RecordTaskDeadlines' }>,
  state: OfficeState,
  context: OfficeContext,
): OfficeEvent[] {
  switch (command.type) {
    case 'RegisterOffice':
      return registerOffice(command, state, context);
    case 'RuleOnOffice':
      return ruleOnOffice(command, state);
    case 'RegisterAsset':
      return registerAsset(command, state);
    case 'RegisterStaffMember':
      return registerStaffMember(command, state);
    case 'RequestRetention':
      return requestRetention(command, state, context);
    case 'DecideRetention':
      return decideRetention(command, state, context);
    case 'ResubmitRetention':
      return resubmitRetention(command, state, context);
    case 'ClaimTask':
      return claimTask(command, state);
    case 'ReleaseTask':
      return releaseTask(command, state);
    case 'DelegateTask':
      return delegateTask(command, state);
    case 'AbolishOffice':
      return abolishOffice(command, state);
    case 'RecordAssetDisposal':
      return recordAssetDisposal(command, state);
    case 'RecordStaffPlacement':
      return recordStaffPlacement(command, state);
    case 'CloseOffice':
      return closeOffice(command, state);
    default: {
      const _: never = command;
      throw new Error(`unknown office command ${JSON.stringify(_)}`);
    }
  }
}

/** A command to the office's stream: the rules above, and every task a decision opens gets its due date. */
function decideStream(command: OfficeCommand, stream: OfficeStream, context: OfficeContext): OfficeEvent[] {
  switch (command.type) {
    case 'ApplyTaskSla':
      return applyTaskSla(command, stream, context.taskDeadlines);
    case 'RecordTaskDeadlines':
      return recordTaskDeadlines(command, stream, context.taskDeadlines);
    default:
      return withDueDates(decide(command, stream.office, context), stream, context.taskDeadlines, () =>
        commandTime(command),
      );
  }
}

/**
 * The office's decider, given the jurisdiction tree, the host cities it registers offices against, and the task
 * SLA that dates every task a decision opens.
 */
export function officeDecider(context: OfficeContext): Decider<OfficeCommand, OfficeEvent, OfficeStream> {
  return {
    decide: (command, stream) => decideStream(command, stream, context),
    evolve: (stream, event) => ({
      version: stream.version + 1,
      office: evolve(stream.office, event),
      tasks: evolveTasks(stream.tasks, event, stream.version),
    }),
    initialState: () => ({ version: 0, office: initialState(), tasks: [] }),
  };
}
