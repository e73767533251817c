import type { JurisdictionCatalog, OfficeEvent } from '../../domain/src';
import type { RecordedEvent } from '../../event-store/src';
import type { Transaction } from 'kysely';
import type { OfficeRow, ReadDb } from './read-store';

export const OFFICE_STREAM_PREFIX = 'office-';

export function officeStreamId(officeId: string): string {
  return `${OFFICE_STREAM_PREFIX}${officeId}`;
}

/** A read model fed in batches: every batch is applied in the same transaction as the checkpoint. */
export interface Projection {
  name: string;
  applyBatch(trx: Transaction<ReadDb>, events: readonly RecordedEvent[]): Promise<void>;
}

// SQLite allows 32,766 bound parameters per statement; 19 columns a row.
const ROWS_PER_STATEMENT = 1000;
const IDS_PER_SELECT = 900;

/**
 * One row per office: its status, where its request waits, and its disposal progress. A batch loads the rows it
 * touches once, folds the events in memory and writes each changed row once, so replay costs a few statements per
 * thousand events instead of one per event.
 */
export class OfficeListProjection implements Projection {
  readonly name = 'offices';

  constructor(private readonly jurisdictions: JurisdictionCatalog) {}

  async applyBatch(trx: Transaction<ReadDb>, events: readonly RecordedEvent[]): Promise<void> {
    const officeEvents = events.filter((event) => event.streamId.startsWith(OFFICE_STREAM_PREFIX));
    if (officeEvents.length === 0) return;
    const ids = [...new Set(officeEvents.map((event) => event.streamId.slice(OFFICE_STREAM_PREFIX.length)))];
    const rows = new Map<string, OfficeRow>();
    for (let i = 0; i < ids.length; i += IDS_PER_SELECT) {
      const chunk = ids.slice(i, i + IDS_PER_SELECT);
      for (const row of await trx
        .selectFrom('offices')
        .selectAll()
        .where('office_id', 'in', chunk)
        .execute()) {
        rows.set(row.office_id, { ...row, seq: Number(row.seq) });
      }
    }
    const changed = new Map<string, OfficeRow>();
    for (const recorded of officeEvents) {
      const officeId = recorded.streamId.slice(OFFICE_STREAM_PREFIX.length);
      const next = this.apply(rows.get(officeId), recorded);
      if (next) {
        rows.set(officeId, next);
        changed.set(officeId, next);
      }
    }
    const values = [...changed.values()];
    for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
      await trx
        .insertInto('offices')
        .values(values.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((conflict) =>
          conflict.column('office_id').doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            pending_tier: eb.ref('excluded.pending_tier'),
            rule_id: eb.ref('excluded.rule_id'),
            required_outcome: eb.ref('excluded.required_outcome'),
            assets_total: eb.ref('excluded.assets_total'),
            assets_disposed: eb.ref('excluded.assets_disposed'),
            staff_total: eb.ref('excluded.staff_total'),
            staff_placed: eb.ref('excluded.staff_placed'),
            version: eb.ref('excluded.version'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  /** The row after one event; undefined when the event does not concern this model (or arrives out of place). */
  private apply(row: OfficeRow | undefined, recorded: RecordedEvent): OfficeRow | undefined {
    const event = { type: recorded.type, data: recorded.data } as OfficeEvent;
    const version = Number(recorded.revision) + 1;
    const updated_at = recorded.metadata.occurredAt;
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
        required_outcome: d.disposition.outcome,
        status: d.disposition.outcome === 'ruling-required' ? 'awaiting-ruling' : 'proposed',
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
    const base = { ...row, version, updated_at };
    switch (event.type) {
      case 'OfficeRuledOn':
        return {
          ...base,
          status: 'proposed',
          required_outcome: event.data.ruling === 'abolish' ? 'abolish' : 'retain-or-abolish',
        };
      case 'RetentionRequested':
      case 'RetentionResubmitted':
        return { ...base, status: 'retention-requested', pending_tier: event.data.tier };
      case 'RetentionForwarded':
        return { ...base, pending_tier: event.data.toTier };
      case 'RetentionApproved':
        return { ...base, status: 'retained', pending_tier: null };
      case 'RetentionRejected':
        return { ...base, status: 'rejected', pending_tier: null };
      case 'RetentionReturned':
        return { ...base, status: 'returned-for-revision', pending_tier: null };
      case 'OfficeAbolished':
        return { ...base, status: 'abolished', pending_tier: null };
      case 'AssetRegistered':
        return { ...base, assets_total: row.assets_total + 1 };
      case 'StaffMemberRegistered':
        return { ...base, staff_total: row.staff_total + 1 };
      case 'AssetDisposed':
        return { ...base, assets_disposed: row.assets_disposed + 1 };
      case 'StaffPlaced':
        return { ...base, staff_placed: row.staff_placed + 1 };
      case 'OfficeClosed':
        return { ...base, status: 'closed' };
      default: {
        const unknown: never = event;
        throw new Error(`office projection has no case for ${JSON.stringify(unknown)}`);
      }
    }
  }
}
