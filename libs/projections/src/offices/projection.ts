import { OFFICE_STREAM_PREFIX, type JurisdictionCatalog, type OfficeEvent } from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import type { Transaction } from 'kysely';
import { chunks, type Projection } from '../projection';
import type { ReadStore } from '../read-store';
import { RowWriter } from '../row-writer';
import { standingChange } from './office-status';
import type { OfficeRow, OfficeTables } from './schema';

/** Rows kept in memory between batches; past this the cache starts over (it is only a shortcut). */
const DEFAULT_CACHE_LIMIT = 250_000;

const COLUMNS: readonly (keyof OfficeRow)[] = [
  'office_id',
  'name',
  'sponsor_unit_id',
  'sponsor_kind',
  'sponsor_path',
  'host_city_id',
  'paired_assistance',
  'rule_id',
  'required_outcome',
  'ruling',
  'ruling_reasoning',
  'ruling_tier',
  'status',
  'pending_tier',
  'assets_total',
  'assets_disposed',
  'staff_total',
  'staff_placed',
  'version',
  'registered_at',
  'updated_at',
  'seq',
];
const UPDATED_ON_CONFLICT = [
  'status',
  'pending_tier',
  'rule_id',
  'required_outcome',
  'ruling',
  'ruling_reasoning',
  'ruling_tier',
  'assets_total',
  'assets_disposed',
  'staff_total',
  'staff_placed',
  'version',
  'updated_at',
] as const;

/**
 * One row per office: its status, where its request waits, and its disposal progress. A batch folds its events
 * into the rows in memory and writes each changed row once. The rows of the last batches stay in memory (this
 * projection is the only writer of its table), so a replay neither reloads nor re-parses what it just wrote.
 */
export class OfficeListProjection implements Projection {
  readonly name = 'offices';
  private readonly cache = new Map<string, OfficeRow>();
  private staged = new Map<string, OfficeRow>();
  private readonly writer = new RowWriter<OfficeRow>({
    table: 'offices',
    columns: COLUMNS,
    key: ['office_id'],
    update: UPDATED_ON_CONFLICT,
  });

  constructor(
    private readonly jurisdictions: JurisdictionCatalog,
    private readonly cacheLimit = DEFAULT_CACHE_LIMIT,
  ) {}

  committed(): void {
    if (this.cache.size + this.staged.size > this.cacheLimit) this.cache.clear();
    for (const [id, row] of this.staged) this.cache.set(id, row);
    this.staged = new Map();
  }

  invalidate(): void {
    this.cache.clear();
    this.staged = new Map();
  }

  async applyBatch(
    trx: Transaction<OfficeTables>,
    events: readonly RecordedEvent[],
    store: ReadStore,
  ): Promise<void> {
    this.staged = new Map();
    const staged = this.staged;
    // Rows to load: offices this batch touches that are not cached and are not registered within the batch.
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const event of events) {
      if (!event.streamId.startsWith(OFFICE_STREAM_PREFIX)) continue;
      const id = event.streamId.slice(OFFICE_STREAM_PREFIX.length);
      if (seen.has(id)) continue;
      seen.add(id);
      if (event.type !== 'OfficeRegistered' && !this.cache.has(id)) missing.push(id);
    }
    if (seen.size === 0) return;
    for (const chunk of chunks(missing)) {
      for (const row of await trx
        .selectFrom('offices')
        .selectAll()
        .where('office_id', 'in', chunk)
        .execute()) {
        staged.set(row.office_id, { ...row, seq: Number(row.seq) });
      }
    }
    const changed = new Set<string>();
    for (const recorded of events) {
      if (!recorded.streamId.startsWith(OFFICE_STREAM_PREFIX)) continue;
      const officeId = recorded.streamId.slice(OFFICE_STREAM_PREFIX.length);
      let row = staged.get(officeId);
      if (!row) {
        const cached = this.cache.get(officeId);
        // Copied, so a batch that rolls back leaves the cache as the table is.
        if (cached) staged.set(officeId, (row = { ...cached }));
      }
      const next = this.apply(row, recorded);
      if (next) {
        staged.set(officeId, next);
        changed.add(officeId);
      }
    }
    await this.writer.write(
      trx,
      store,
      [...changed].map((id) => staged.get(id)!),
    );
  }

  /** The row after one event; undefined when the event does not concern this model (or arrives out of place). */
  private apply(row: OfficeRow | undefined, recorded: RecordedEvent): OfficeRow | undefined {
    const event = { type: recorded.type, data: recorded.data } as OfficeEvent;
    const version = Number(recorded.revision) + 1;
    const updated_at = recorded.metadata.occurredAt;
    const standing = standingChange(event);
    if (event.type === 'OfficeRegistered') {
      const d = event.data;
      const path = this.jurisdictions
        .lineage(d.sponsorUnitId)
        .map((unit) => unit.id)
        .reverse();
      return {
        office_id: d.officeId,
        name: d.name,
        sponsor_unit_id: d.sponsorUnitId,
        sponsor_kind: d.sponsorKind,
        sponsor_path: `|${path.join('|')}|`,
        host_city_id: d.hostCityId,
        paired_assistance: d.pairedAssistance ? 1 : 0,
        rule_id: d.disposition.ruleId,
        required_outcome: standing.requiredOutcome!,
        ruling: null,
        ruling_reasoning: null,
        ruling_tier: null,
        status: standing.status!,
        pending_tier: null,
        assets_total: d.assets.length,
        assets_disposed: 0,
        staff_total: d.staff.length,
        staff_placed: 0,
        version,
        registered_at: updated_at,
        updated_at,
        seq: Number(recorded.position.commit),
      };
    }
    if (!row) return undefined;
    // The row is this batch's own copy: change it in place rather than allocate one per event.
    row.version = version;
    row.updated_at = updated_at;
    if (standing.status !== undefined) row.status = standing.status;
    if (standing.requiredOutcome !== undefined) row.required_outcome = standing.requiredOutcome;
    switch (event.type) {
      case 'RetentionRequested':
      case 'RetentionResubmitted':
        row.pending_tier = event.data.tier;
        return row;
      case 'RetentionForwarded':
        row.pending_tier = event.data.toTier;
        return row;
      case 'RetentionApproved':
      case 'RetentionRejected':
      case 'RetentionReturned':
      case 'OfficeAbolished':
        row.pending_tier = null;
        return row;
      case 'AssetRegistered':
        row.assets_total += 1;
        return row;
      case 'StaffMemberRegistered':
        row.staff_total += 1;
        return row;
      case 'AssetDisposed':
        row.assets_disposed += 1;
        return row;
      case 'StaffPlaced':
        row.staff_placed += 1;
        return row;
      case 'OfficeRuledOn':
        row.ruling = event.data.ruling;
        row.ruling_reasoning = event.data.reasoning;
        row.ruling_tier = event.data.tier;
        return row;
      case 'OfficeClosed':
      case 'TaskClaimed':
      case 'TaskReleased':
      case 'TaskDelegated':
      case 'DeadlineSet':
      case 'DeadlineMoved':
        return row;
      default: {
        const unknown: never = event;
        throw new Error(`office projection has no case for ${JSON.stringify(unknown)}`);
      }
    }
  }
}
