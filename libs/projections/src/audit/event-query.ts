import {
  DEADLINE_STREAM_PREFIX,
  OFFICE_STREAM_PREFIX,
  UNIT_STREAM_PREFIX,
  type JurisdictionCatalog,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import { shownData } from './withheld';

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

/** An event of the log with the unit it belongs to, where it belongs to one. */
export interface UnitEvent {
  event: RecordedEvent;
  unitId: string | undefined;
}

/** The office an event's stream is about, or undefined for any other stream. */
export function officeIdOf(event: RecordedEvent): string | undefined {
  return event.streamId.startsWith(OFFICE_STREAM_PREFIX)
    ? event.streamId.slice(OFFICE_STREAM_PREFIX.length)
    : undefined;
}

/**
 * The unit an event belongs to, from its stream: an office's sponsor (looked up in `sponsors`), a unit's own stream,
 * or the unit a deadline notice names.
 */
export function unitOf(
  event: RecordedEvent,
  sponsors: ReadonlyMap<string, string | undefined>,
): string | undefined {
  const officeId = officeIdOf(event);
  if (officeId !== undefined) return sponsors.get(officeId);
  if (event.streamId.startsWith(UNIT_STREAM_PREFIX)) return event.streamId.slice(UNIT_STREAM_PREFIX.length);
  if (event.streamId.startsWith(DEADLINE_STREAM_PREFIX)) return (event.data as { unitId?: string }).unitId;
  return undefined;
}

/**
 * Whether an event passes the filter's type, actor, time and unit conditions (the office condition is met by
 * reading that office's stream only).
 */
export function eventFilter(
  filter: EventFilter,
  jurisdictions: JurisdictionCatalog,
): (event: RecordedEvent, unitId: string | undefined) => boolean {
  const from = filter.from ? Date.parse(filter.from) : -Infinity;
  const to = filter.to ? Date.parse(filter.to) : Infinity;
  return (event, unitId) => {
    if (filter.type && event.type !== filter.type) return false;
    if (filter.actor && event.metadata.actor !== filter.actor) return false;
    const at = Date.parse(event.metadata.occurredAt);
    if (at < from || at > to) return false;
    if (filter.unitId) {
      return !!unitId && !!jurisdictions.find(unitId) && jurisdictions.isWithin(unitId, filter.unitId);
    }
    return true;
  };
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

export type ExportFormat = 'csv' | 'jsonl';

export type ExportRecord = ReturnType<typeof exportRecord>;

/** One event as the query answers and the export writes it. */
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
    data: shownData(event),
  };
}

function csvField(value: unknown): string {
  const text =
    value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // OWASP's rule against formula injection: a cell a spreadsheet would run as a formula is prefixed with a quote
  // (shown as text) and quoted; the JSON Lines export keeps the value as it is.
  if (/^[=+\-@\t\r]/.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(record: ExportRecord): string {
  return `${CSV_COLUMNS.map((column) => csvField(record[column])).join(',')}\r\n`;
}

/** One line of the export for an event: a CSV row or a JSON Lines record. */
export function exportLine({ event, unitId }: UnitEvent, format: ExportFormat): string {
  const record = exportRecord(event, unitId);
  // JSON Lines carry the whole metadata, chain link included, so that an auditor can recompute every hash (but that
  // of an account event whose password hash is withheld: the server verifies those).
  return format === 'csv' ? csvLine(record) : `${JSON.stringify({ ...record, metadata: event.metadata })}\n`;
}

/** The export, line by line as the events arrive: nothing is held but the line being written. */
export async function* exportLines(
  events: AsyncIterable<UnitEvent> | Iterable<UnitEvent>,
  format: ExportFormat,
): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const event of events) yield exportLine(event, format);
}

/** The export's file name (naming the unit it is narrowed to) and media type. */
export function exportFile(format: ExportFormat, unitId: string | undefined) {
  return {
    fileName: `events${unitId ? `-${unitId}` : ''}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
  };
}

/** The first `limit` events as query records; the cursor is the last one's position when more match. */
export async function firstPage(
  events: AsyncIterable<UnitEvent> | Iterable<UnitEvent>,
  limit: number,
): Promise<{ items: ExportRecord[]; nextCursor: string | null }> {
  const items: ExportRecord[] = [];
  let nextCursor: string | null = null;
  for await (const { event, unitId } of events) {
    if (items.length === limit) {
      nextCursor = items[items.length - 1]!.position;
      break;
    }
    items.push(exportRecord(event, unitId));
  }
  return { items, nextCursor };
}
