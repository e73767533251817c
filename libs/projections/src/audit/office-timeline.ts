import {
  evolve,
  evolveTasks,
  initialState,
  type OfficeContext,
  type OfficeEvent,
  type OfficeState,
  type OfficeStatus,
  type TaskRecord,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import { historyEntry, officeDetail } from './office-views';

export interface Change {
  path: string;
  from: unknown;
  to: unknown;
}

export type OfficeTimelineEntry = ReturnType<typeof historyEntry> & {
  status: OfficeStatus;
  changes: Change[];
};

/** Every leaf of a JSON value by its path (`office.assets.a1.disposal.kind`), for diffing states. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(path, value);
    for (const [key, child] of entries) leaves(child, path ? `${path}.${key}` : key, out);
  } else if (value !== undefined) {
    out.set(path, value);
  }
  return out;
}

/** What changed between two states, leaf by leaf, in path order. */
export function diffStates(before: unknown, after: unknown): Change[] {
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: Change[] = [];
  for (const path of paths) {
    const from = a.get(path);
    const to = b.get(path);
    if (JSON.stringify(from) !== JSON.stringify(to)) {
      changes.push({ path, from: from ?? null, to: to ?? null });
    }
  }
  return changes;
}

function evolveRecorded(state: OfficeState, event: RecordedEvent): OfficeState {
  return evolve(state, { type: event.type, data: event.data } as OfficeEvent);
}

/** The sponsor an office was registered for (it never changes); undefined when the stream holds no office. */
export function registeredSponsor(recorded: readonly RecordedEvent[]): string | undefined {
  return (recorded[0]?.data as { sponsorUnitId?: string } | undefined)?.sponsorUnitId || undefined;
}

/** An office's events with, for each, what it changed in the office's state; the state folded as it goes. */
export function officeTimeline(recorded: readonly RecordedEvent[]): OfficeTimelineEntry[] {
  let state: OfficeState = initialState();
  return recorded.map((event) => {
    const before = state;
    state = evolveRecorded(state, event);
    return { ...historyEntry(event), status: state.status, changes: diffStates(before, state) };
  });
}

/** An office's state and its task ledger, folded from its events. */
export function foldOffice(recorded: readonly RecordedEvent[]): {
  state: OfficeState;
  tasks: readonly TaskRecord[];
} {
  let state: OfficeState = initialState();
  let tasks: readonly TaskRecord[] = [];
  for (const event of recorded) {
    state = evolveRecorded(state, event);
    tasks = evolveTasks(tasks, { type: event.type, data: event.data } as OfficeEvent, Number(event.revision));
  }
  return { state, tasks };
}

/** The office as it stood at an instant: its events up to then (by when they happened), folded. */
export function officeAsOf(recorded: readonly RecordedEvent[], at: number) {
  const upTo = recorded.filter((event) => Date.parse(event.metadata.occurredAt) <= at);
  return { ...foldOffice(upTo), version: upTo.length, lastEvent: upTo[upTo.length - 1] };
}

/** The office's detail at an instant (`at`, ISO-8601), with the event it stood at; or that it did not exist yet. */
export function officeAsOfView(
  officeId: string,
  recorded: readonly RecordedEvent[],
  at: string,
  context: OfficeContext,
) {
  const { state, tasks, version, lastEvent } = officeAsOf(recorded, Date.parse(at));
  if (state.status === 'unregistered') {
    return { officeId, at, registered: false as const, version: 0 };
  }
  return {
    at,
    registered: true as const,
    asOfEvent: lastEvent ? { type: lastEvent.type, occurredAt: lastEvent.metadata.occurredAt } : null,
    ...officeDetail(state, version, context, tasks),
  };
}
