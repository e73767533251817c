import { comparePositions, type EventStore, type Position } from '@liaison/event-store';

/**
 * A place in the log kept in Redis that lies past the log's end was taken in another log (a data folder deleted and
 * started afresh on the same Redis, a store restored from an older backup): following from it would skip every
 * event until the new log grew past it. Such a place is dropped, and following starts from the beginning.
 */
export async function placeWithinLog(
  store: Pick<EventStore, 'headPosition'>,
  saved: Position | undefined,
): Promise<Position | undefined> {
  if (!saved) return undefined;
  const head = await store.headPosition();
  return head && comparePositions(saved, head) <= 0 ? saved : undefined;
}
