import type { HistoryEntry } from '../../api/client';
import type { MessageKey } from '../../i18n/en';

/** The events of an office's history the console names in words; others show their type. */
const EVENT_LABELS: Record<string, MessageKey> = {
  OfficeRegistered: 'event.OfficeRegistered',
  RetentionRequested: 'event.RetentionRequested',
  RetentionResubmitted: 'event.RetentionResubmitted',
  RetentionForwarded: 'event.RetentionForwarded',
  RetentionApproved: 'event.RetentionApproved',
  RetentionRejected: 'event.RetentionRejected',
  RetentionReturned: 'event.RetentionReturned',
  OfficeRuledOn: 'event.OfficeRuledOn',
  TaskClaimed: 'event.TaskClaimed',
  TaskReleased: 'event.TaskReleased',
  TaskDelegated: 'event.TaskDelegated',
  DeadlineSet: 'event.DeadlineSet',
  DeadlineMoved: 'event.DeadlineMoved',
};

export function eventLabel(type: string, t: (key: MessageKey) => string): string {
  const key = EVENT_LABELS[type];
  return key ? t(key) : type;
}

const DECISIONS = new Set([
  'RetentionForwarded',
  'RetentionApproved',
  'RetentionRejected',
  'RetentionReturned',
  'OfficeRuledOn',
]);

/** A decision at some tier: what the approvers did, with their comments. */
export const isDecision = (entry: HistoryEntry) => DECISIONS.has(entry.type) && entry.role === 'approver';
