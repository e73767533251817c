import { InvalidCommand, InvalidTransition } from '../errors';
import type { ReceiveComplaint, ResolveComplaint } from './commands';
import { deadline, type RegulationPolicy } from './deadlines';
import { COMPLAINT_CHANNELS, type RegulationEvent } from './events';
import { mustBeRegulated, once, recordId, required } from './guards';
import type { RegulationState } from './state';

/** 六(四): a complaint on the public line or mailbox; its investigated result is due by a deadline. */
export function receiveComplaint(
  { data }: ReceiveComplaint,
  state: RegulationState,
  now: string,
  policy: RegulationPolicy,
): RegulationEvent[] {
  mustBeRegulated(state, data.officeId);
  if (!COMPLAINT_CHANNELS.includes(data.channel)) {
    throw new InvalidCommand(
      'channel',
      `channel must be one of ${COMPLAINT_CHANNELS.join(', ')} (六(四))`,
      '六(四)',
    );
  }
  const complaint = {
    officeId: data.officeId,
    complaintId: recordId(data.complaintId, 'complaintId'),
    channel: data.channel,
    summary: required(data.summary, 'summary', '六(四)', 'say what the complaint is about'),
  };
  if (
    once(state.complaints[complaint.complaintId], complaint, `complaint ${complaint.complaintId}`, '六(四)')
  ) {
    return [];
  }
  return [
    { type: 'ComplaintReceived', data: { ...complaint, receivedAt: now } },
    ...deadline(state, policy, data.officeId, 'complaint', now, complaint.complaintId),
  ];
}

/** 六(四): the complaint is investigated and the result published (向社会公开处理结果). */
export function resolveComplaint(
  { data }: ResolveComplaint,
  state: RegulationState,
  now: string,
): RegulationEvent[] {
  mustBeRegulated(state, data.officeId);
  const complaint = state.complaints[data.complaintId];
  if (!complaint) {
    throw new InvalidCommand(
      'complaintId',
      `no complaint ${data.complaintId} was received for this office (六(四))`,
      '六(四)',
    );
  }
  const resolution = {
    officeId: data.officeId,
    complaintId: data.complaintId,
    investigation: required(
      data.investigation,
      'investigation',
      '六(四)',
      'a complaint is investigated: say how',
    ),
    result: required(data.result, 'result', '六(四)', 'say what the investigation found and what was done'),
    publication: required(
      data.publication,
      'publication',
      '六(四)',
      'the result is published (向社会公开处理结果): say where',
    ),
  };
  if (complaint.resolution) {
    if (once(complaint.resolution, resolution, `complaint ${data.complaintId}'s result`, '六(四)')) return [];
    throw new InvalidTransition(`complaint ${data.complaintId} is resolved`, 'resolved', '六(四)');
  }
  return [{ type: 'ComplaintResolved', data: { ...resolution, resolvedAt: now } }];
}
