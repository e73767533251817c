import {
  applyToCatalog,
  UNIT_DIRECTORY_STREAM,
  type JurisdictionCatalog,
  type UnitDirectoryEvent,
} from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';

/**
 * Brings a process's jurisdiction tree up to date with the unit directory stream: reads the events after those it
 * reflects (usually none: one short read) and applies them. Every process does this when it starts, before each
 * command whose rules read the tree, and when it answers for the tree; the projector also applies the events as it
 * meets them in the log, and a process without a projector reads the stream every second, so every reader of the
 * tree (the policy, the read models' jurisdiction filters) sees a new unit within a second anywhere.
 */
export async function refreshUnitDirectory(
  store: EventStore,
  jurisdictions: JurisdictionCatalog,
): Promise<number> {
  const events = await store.readStream(UNIT_DIRECTORY_STREAM, {
    fromRevision: BigInt(jurisdictions.directoryVersion),
  });
  for (const event of events) {
    applyToCatalog(jurisdictions, event as unknown as UnitDirectoryEvent, Number(event.revision));
  }
  return events.length;
}
