import {
  CAMPAIGN_STREAM,
  DEADLINE_STREAM_PREFIX,
  ESCALATION_STEPS,
  OFFICE_STREAM_PREFIX,
  PHASE_DEADLINE_KIND,
  REGULATION_STREAM_PREFIX,
  regulationDeadlinesTouched,
  REPORT_STEPS,
  REPORT_STREAM_PREFIX,
  reportDeadlineId,
  summaryInspectionDeadlineId,
  UNIT_STREAM_PREFIX,
  type DeadlineKind,
  type RegulationEvent,
  type Phase,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import { deadlineJobId } from './deadline-job';

/** Which deadlines a page of the log may have changed: by id, by office, by filing unit, or every one of a kind. */
export interface TouchedDeadlines {
  ids: Set<string>;
  offices: Set<string>;
  units: Set<string>;
  kinds: Set<DeadlineKind>;
  /** Deadlines whose due date moved, with the date they moved from: their jobs for it are dropped. */
  movedFrom: { deadlineId?: string; kind?: DeadlineKind; from: string }[];
}

/**
 * What a page of events may have changed, from the events alone. It may name more deadlines than changed (every
 * deadline of an office an event touched): the scheduler reads their rows as the read models now have them.
 */
export function touchedDeadlines(events: readonly RecordedEvent[]): TouchedDeadlines {
  const touched: TouchedDeadlines = {
    ids: new Set(),
    offices: new Set(),
    units: new Set(),
    kinds: new Set(),
    movedFrom: [],
  };
  for (const event of events) {
    const { streamId } = event;
    if (streamId.startsWith(OFFICE_STREAM_PREFIX)) {
      touched.offices.add(streamId.slice(OFFICE_STREAM_PREFIX.length));
      if (event.type === 'DeadlineMoved') {
        const data = event.data as { deadlineId: string; from: string };
        touched.movedFrom.push({ deadlineId: data.deadlineId, from: data.from });
      }
    } else if (streamId.startsWith(UNIT_STREAM_PREFIX)) {
      touched.units.add(streamId.slice(UNIT_STREAM_PREFIX.length));
    } else if (streamId.startsWith(REPORT_STREAM_PREFIX)) {
      const cityId = streamId.slice(REPORT_STREAM_PREFIX.length);
      for (const step of REPORT_STEPS) touched.ids.add(reportDeadlineId(step, cityId));
      const data = event.data as { unitId?: string; deadlineId?: string; from?: string };
      if (data.unitId !== undefined) touched.ids.add(summaryInspectionDeadlineId(data.unitId));
      if (event.type === 'ReportDeadlineMoved') {
        touched.movedFrom.push({ deadlineId: data.deadlineId!, from: data.from! });
      }
    } else if (streamId.startsWith(REGULATION_STREAM_PREFIX)) {
      const regulationEvent = { type: event.type, data: event.data } as RegulationEvent;
      for (const id of regulationDeadlinesTouched(regulationEvent)) touched.ids.add(id);
    } else if (streamId.startsWith(DEADLINE_STREAM_PREFIX)) {
      touched.ids.add(streamId.slice(DEADLINE_STREAM_PREFIX.length));
    } else if (streamId === CAMPAIGN_STREAM) {
      if (event.type === 'PhaseDeadlineMoved') {
        const { phase, from } = event.data as { phase: Phase; from: string };
        touched.kinds.add(PHASE_DEADLINE_KIND[phase]);
        touched.movedFrom.push({ kind: PHASE_DEADLINE_KIND[phase], from });
      } else {
        for (const kind of Object.values(PHASE_DEADLINE_KIND)) touched.kinds.add(kind);
      }
    }
  }
  return touched;
}

/** The job ids a deadline had for a due date it no longer has. */
export function jobIdsAt(deadlineId: string, dueAt: string): string[] {
  return ESCALATION_STEPS.map((step) => deadlineJobId(deadlineId, step, dueAt));
}
