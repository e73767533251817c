import {
  REGULATION_STREAM_PREFIX,
  regulationDeadlineKind,
  regulationDeadlineMetBy,
  regulationDeadlinesTouched,
  type RegulationEvent,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import type { DeadlineWorkingSet } from './working-set';

/** The office a regulation stream is about. */
export function regulatedOffice(recorded: RecordedEvent): string {
  return recorded.streamId.slice(REGULATION_STREAM_PREFIX.length);
}

/** The deadline rows an event of a regulation stream touches: the one it records, or the one it meets. */
export function regulationDeadlineIds(recorded: RecordedEvent): string[] {
  return regulationDeadlinesTouched({ type: recorded.type, data: recorded.data } as RegulationEvent);
}

/**
 * Follows a retained office's regulation stream (五, 六): each dated duty as recorded, pending until the record
 * that meets it. The sponsor's clerks are reminded, as a unit's own filing.
 */
export function followRegulation(recorded: RecordedEvent, work: DeadlineWorkingSet): void {
  const event = { type: recorded.type, data: recorded.data } as RegulationEvent;
  if (event.type === 'RegulationDeadlineSet') {
    const { officeId, deadlineId, duty, subject, dueAt } = event.data;
    const office = work.office(officeId);
    const before = work.deadline(deadlineId);
    work.putDeadline({
      deadline_id: deadlineId,
      kind: regulationDeadlineKind(duty),
      task_kind: null,
      subject_id: subject ?? officeId,
      office_id: officeId,
      unit_id: office?.sponsor_unit_id ?? officeId,
      title: office?.name ?? officeId,
      tier: null,
      candidate_group: null,
      assignee: null,
      due_at: dueAt,
      status: before?.status ?? 'pending',
      last_step: before?.last_step ?? null,
    });
    return;
  }
  const met = regulationDeadlineMetBy(event);
  const deadline = met && work.deadline(met.deadlineId);
  if (deadline?.status === 'pending') deadline.status = 'met';
}
