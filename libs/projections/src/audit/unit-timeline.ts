import type { RecordedEvent } from '@liaison/event-store';
import { officeTimeline, type OfficeTimelineEntry } from './office-timeline';
import { historyEntry } from './office-views';
import { comparePositionText } from './paging';

export interface OfficeStream {
  officeId: string;
  events: readonly RecordedEvent[];
}

export interface UnitStream {
  unitId: string;
  events: readonly RecordedEvent[];
}

export type UnitTimelineEntry =
  (OfficeTimelineEntry & { officeId: string }) | (ReturnType<typeof historyEntry> & { unitId: string });

/**
 * A unit's timeline: the events of its offices, each with what it changed, and its units' filings (which change
 * no office), merged in log order.
 */
export function unitTimeline(
  offices: readonly OfficeStream[],
  units: readonly UnitStream[],
): UnitTimelineEntry[] {
  const entries: UnitTimelineEntry[] = [];
  for (const { officeId, events } of offices) {
    for (const entry of officeTimeline(events)) entries.push({ ...entry, officeId });
  }
  for (const { unitId, events } of units) {
    for (const event of events) entries.push({ ...historyEntry(event), unitId });
  }
  return entries.sort((a, b) => comparePositionText(a.position, b.position));
}
