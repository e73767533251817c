import type { ReadModelSchema } from '../read-model-schema';

export interface OfficeRow {
  office_id: string;
  name: string;
  sponsor_unit_id: string;
  sponsor_kind: string;
  /** The jurisdiction path of the sponsor, for "everything within this unit" filters: `|henan|henan.nanyang|…|`. */
  sponsor_path: string;
  host_city_id: string;
  paired_assistance: number;
  rule_id: string;
  required_outcome: string;
  /** The provincial ruling on an office the plan does not cover, once made: what, why, and the tier that ruled. */
  ruling: string | null;
  ruling_reasoning: string | null;
  ruling_tier: string | null;
  status: string;
  /** The tier a pending retention request waits at. */
  pending_tier: string | null;
  assets_total: number;
  assets_disposed: number;
  staff_total: number;
  staff_placed: number;
  /** Number of events in the office's stream. */
  version: number;
  registered_at: string;
  updated_at: string;
  /** Insertion order, for stable pagination. */
  seq: number;
}

export interface OfficeTables {
  offices: OfficeRow;
}

export const officeSchema: ReadModelSchema<OfficeTables> = {
  tables: ['offices'],
  async migrate(db) {
    await db.schema
      .createTable('offices')
      .ifNotExists()
      .addColumn('office_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sponsor_unit_id', 'text', (c) => c.notNull())
      .addColumn('sponsor_kind', 'text', (c) => c.notNull())
      .addColumn('sponsor_path', 'text', (c) => c.notNull())
      .addColumn('host_city_id', 'text', (c) => c.notNull())
      .addColumn('paired_assistance', 'integer', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('required_outcome', 'text', (c) => c.notNull())
      .addColumn('ruling', 'text')
      .addColumn('ruling_reasoning', 'text')
      .addColumn('ruling_tier', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('pending_tier', 'text')
      .addColumn('assets_total', 'integer', (c) => c.notNull())
      .addColumn('assets_disposed', 'integer', (c) => c.notNull())
      .addColumn('staff_total', 'integer', (c) => c.notNull())
      .addColumn('staff_placed', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('registered_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('offices_status')
      .ifNotExists()
      .on('offices')
      .columns(['status', 'seq'])
      .execute();
    await db.schema.createIndex('offices_seq').ifNotExists().on('offices').column('seq').execute();
  },
};
