import { DEADLINE_STREAM_PREFIX, UNIT_STREAM_PREFIX, type JurisdictionCatalog } from '@liaison/domain';
import { parsePosition, type EventStore, type Position, type RecordedEvent } from '@liaison/event-store';
import { OFFICE_STREAM_PREFIX } from '@liaison/domain';
import { type ReadStore } from '@liaison/projections';

export interface EventFilter {
  /** Events about this unit or anything below it: its offices, its filings, its deadlines. */
  unitId?: string;
  officeId?: string;
  type?: string;
  actor?: string;
  /** Domain time (when it happened), inclusive. */
  from?: string;
  to?: string;
}

const PAGE = 2_000;

/**
 * The events of the log that match, in log order, read page by page so a caller can stream any number of them.
 * The unit an event belongs to comes from its stream: an office's sponsor (from the office list), a unit's own
 * stream, or the unit a deadline notice names.
 */
export async function* matchingEvents(
  store: EventStore,
  readStore: ReadStore,
  jurisdictions: JurisdictionCatalog,
  filter: EventFilter,
  after?: string,
): AsyncGenerator<{ event: RecordedEvent; unitId: string | undefined }> {
  let cursor: Position | undefined = after ? parsePosition(after) : undefined;
  const from = filter.from ? Date.parse(filter.from) : -Infinity;
  const to = filter.to ? Date.parse(filter.to) : Infinity;
  const sponsors = new Map<string, string | undefined>();
  for (;;) {
    const page = filter.officeId
      ? await officePage(store, filter.officeId, cursor)
      : await store.readAll({ ...(cursor ? { after: cursor } : {}), maxCount: PAGE });
    if (page.length === 0) return;
    const unknown = [
      ...new Set(
        page
          .filter((e) => e.streamId.startsWith(OFFICE_STREAM_PREFIX))
          .map((e) => e.streamId.slice(OFFICE_STREAM_PREFIX.length))
          .filter((id) => !sponsors.has(id)),
      ),
    ];
    for (let i = 0; i < unknown.length; i += 500) {
      const rows = await readStore.db
        .selectFrom('offices')
        .select(['office_id', 'sponsor_unit_id'])
        .where('office_id', 'in', unknown.slice(i, i + 500))
        .execute();
      for (const id of unknown.slice(i, i + 500)) sponsors.set(id, undefined);
      for (const row of rows) sponsors.set(row.office_id, row.sponsor_unit_id);
    }
    for (const event of page) {
      cursor = event.position;
      const unitId = unitOf(event, sponsors);
      if (filter.type && event.type !== filter.type) continue;
      if (filter.actor && event.metadata.actor !== filter.actor) continue;
      const at = Date.parse(event.metadata.occurredAt);
      if (at < from || at > to) continue;
      if (filter.unitId) {
        if (!unitId || !jurisdictions.find(unitId) || !jurisdictions.isWithin(unitId, filter.unitId))
          continue;
      }
      yield { event, unitId };
    }
    if (filter.officeId || page.length < PAGE) return;
  }
}

async function officePage(store: EventStore, officeId: string, after: Position | undefined) {
  const events = await store.readStream(`${OFFICE_STREAM_PREFIX}${officeId}`);
  return after ? events.filter((e) => e.position.commit > after.commit) : events;
}

function unitOf(event: RecordedEvent, sponsors: Map<string, string | undefined>): string | undefined {
  if (event.streamId.startsWith(OFFICE_STREAM_PREFIX)) {
    return sponsors.get(event.streamId.slice(OFFICE_STREAM_PREFIX.length));
  }
  if (event.streamId.startsWith(UNIT_STREAM_PREFIX)) return event.streamId.slice(UNIT_STREAM_PREFIX.length);
  if (event.streamId.startsWith(DEADLINE_STREAM_PREFIX)) return (event.data as { unitId?: string }).unitId;
  return undefined;
}

export const CSV_COLUMNS = [
  'position',
  'occurredAt',
  'recordedAt',
  'streamId',
  'revision',
  'type',
  'unitId',
  'actor',
  'role',
  'tier',
  'comment',
  'eventId',
  'data',
] as const;

function csvField(value: unknown): string {
  const text =
    value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportRecord(event: RecordedEvent, unitId: string | undefined) {
  return {
    position: `${event.position.commit}/${event.position.prepare}`,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt.toISOString(),
    streamId: event.streamId,
    revision: Number(event.revision),
    type: event.type,
    unitId: unitId ?? null,
    actor: event.metadata.actor,
    role: event.metadata.role,
    tier: event.metadata.tier ?? null,
    comment: event.metadata.comment ?? null,
    eventId: event.id,
    data: event.data,
  };
}

export function csvLine(record: ReturnType<typeof exportRecord>): string {
  return `${CSV_COLUMNS.map((column) => csvField(record[column])).join(',')}\r\n`;
}
