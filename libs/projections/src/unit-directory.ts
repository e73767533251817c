import {
  applyToCatalog,
  UNIT_DIRECTORY_STREAM,
  type JurisdictionCatalog,
  type UnitDirectoryEvent,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import type { Projection } from './projection';

/**
 * Brings the process's jurisdiction tree up to date with the unit directory's events as the projector meets them,
 * before any read model sees the batch: an office registered for a unit added in the same batch finds its unit
 * (its jurisdiction path, its task groups). No tables: the tree lives in memory, and never loses a unit, so a
 * batch rolled back and applied again changes nothing.
 */
export class UnitDirectoryFollower implements Projection {
  readonly name = 'unit-directory';

  constructor(private readonly jurisdictions: JurisdictionCatalog) {}

  applyBatch(_trx: unknown, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (event.streamId !== UNIT_DIRECTORY_STREAM) continue;
      applyToCatalog(this.jurisdictions, event as unknown as UnitDirectoryEvent, Number(event.revision));
    }
    return Promise.resolve();
  }
}
