import { officeStreamId, type JurisdictionCatalog } from '@liaison/domain';
import { parsePosition, type EventStore, type Position, type RecordedEvent } from '@liaison/event-store';
import type { ReadStore } from '../read-store';
import { eventFilter, officeIdOf, unitOf, type EventFilter, type UnitEvent } from './event-query';

/** Events read from the log at a time: enough to stream fast, few enough to hold. */
export const LOG_PAGE = 2_000;

/** The whole log in order, read page by page. */
export async function* readLog(store: EventStore, pageSize = LOG_PAGE): AsyncGenerator<RecordedEvent> {
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: pageSize });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.position;
  }
}

/** The offices whose sponsor is this unit or lies below it, from the office list. */
export async function officeIdsWithin(readStore: ReadStore, unitId: string): Promise<string[]> {
  const rows = await readStore.db
    .selectFrom('offices')
    .select('office_id')
    .where('sponsor_path', 'like', `%|${unitId}|%`)
    .execute();
  return rows.map((row) => row.office_id);
}

async function officePage(store: EventStore, officeId: string, after: Position | undefined) {
  const events = await store.readStream(officeStreamId(officeId));
  return after ? events.filter((e) => e.position.commit > after.commit) : events;
}

/** Adds the sponsors of the page's offices not yet known (undefined for an office the list does not hold). */
async function learnSponsors(
  readStore: ReadStore,
  page: readonly RecordedEvent[],
  sponsors: Map<string, string | undefined>,
): Promise<void> {
  const ids = page.map(officeIdOf).filter((id): id is string => id !== undefined && !sponsors.has(id));
  const unknown = [...new Set(ids)];
  for (let i = 0; i < unknown.length; i += 500) {
    const batch = unknown.slice(i, i + 500);
    const rows = await readStore.db
      .selectFrom('offices')
      .select(['office_id', 'sponsor_unit_id'])
      .where('office_id', 'in', batch)
      .execute();
    for (const id of batch) sponsors.set(id, undefined);
    for (const row of rows) sponsors.set(row.office_id, row.sponsor_unit_id);
  }
}

/**
 * The events of the log that match, in log order after `after` (a `commit/prepare` cursor), read page by page so
 * a caller can stream any number of them. An office filter reads that office's stream only.
 */
export async function* matchingEvents(
  store: EventStore,
  readStore: ReadStore,
  jurisdictions: JurisdictionCatalog,
  filter: EventFilter,
  after?: string,
  pageSize = LOG_PAGE,
): AsyncGenerator<UnitEvent> {
  let cursor: Position | undefined = after ? parsePosition(after) : undefined;
  const matches = eventFilter(filter, jurisdictions);
  const sponsors = new Map<string, string | undefined>();
  for (;;) {
    const page = filter.officeId
      ? await officePage(store, filter.officeId, cursor)
      : await store.readAll({ ...(cursor ? { after: cursor } : {}), maxCount: pageSize });
    if (page.length === 0) return;
    await learnSponsors(readStore, page, sponsors);
    for (const event of page) {
      cursor = event.position;
      const unitId = unitOf(event, sponsors);
      if (matches(event, unitId)) yield { event, unitId };
    }
    if (filter.officeId || page.length < pageSize) return;
  }
}
