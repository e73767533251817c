import {
  checkPeriod,
  DeadlineLog,
  whatIfReport,
  type JurisdictionCatalog,
  type NoticePolicy,
  type WhatIfPeriod,
  type WhatIfReport,
  type WhatIfVariant,
} from '@liaison/domain';
import type { EventStore, Position } from '@liaison/event-store';
import type { RebuildProgress } from '@liaison/projections';

const PAGE = 5_000;

export interface WhatIfRun {
  jurisdictions: JurisdictionCatalog;
  /** The ladder and calendar the service runs with. */
  actual: NoticePolicy;
  variant: WhatIfVariant;
  period: WhatIfPeriod;
  /** Only deadlines of these units (a supervisor's jurisdiction). */
  inScope?: (unitId: string) => boolean;
  now?: Date;
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Reads the whole log through the store's read-all, up to the period's end (or now), folds it in memory and
 * reports what the variant would have changed. Reads only: no append, no read model, no queue.
 */
export async function runWhatIf(store: EventStore, run: WhatIfRun): Promise<WhatIfReport> {
  checkPeriod(run.period);
  const started = Date.now();
  const now = run.now ?? new Date();
  const asOf = new Date(Math.min(Date.parse(run.period.to), now.getTime())).toISOString();
  const until = Date.parse(asOf);
  const head = await store.headPosition();
  const log = new DeadlineLog(run.jurisdictions);
  let after: Position | undefined;
  let events = 0;
  while (head) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: PAGE });
    if (page.length === 0) break;
    for (const recorded of page) {
      // What happened after the period's end cannot have changed it.
      if (Date.parse(recorded.metadata.occurredAt) > until) continue;
      log.add({
        streamId: recorded.streamId,
        revision: Number(recorded.revision),
        type: recorded.type,
        data: recorded.data,
        occurredAt: recorded.metadata.occurredAt,
      });
    }
    events += page.length;
    after = page[page.length - 1]!.position;
    run.onProgress?.({ events, position: after, head, elapsedMs: Date.now() - started });
  }
  return whatIfReport(log, {
    actual: run.actual,
    variant: run.variant,
    period: run.period,
    asOf,
    jurisdictions: run.jurisdictions,
    ...(run.inScope ? { inScope: run.inScope } : {}),
  });
}
