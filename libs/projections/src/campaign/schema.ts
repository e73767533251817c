import type { ReadModelSchema } from '../read-model-schema';

/** The phases of the campaign launched, and when each ends. */
export interface CampaignPhaseRow {
  phase: string;
  campaign_id: string;
  due_at: string;
}

/** When a unit first filed its work plan and its summary (七). */
export interface UnitFilingRow {
  unit_id: string;
  work_plan_filed_at: string | null;
  work_summary_filed_at: string | null;
}

export interface CampaignTables {
  campaign_phases: CampaignPhaseRow;
  unit_filings: UnitFilingRow;
}

export const campaignSchema: ReadModelSchema<CampaignTables> = {
  tables: ['campaign_phases', 'unit_filings'],
  async migrate(db) {
    await db.schema
      .createTable('campaign_phases')
      .ifNotExists()
      .addColumn('phase', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('unit_filings')
      .ifNotExists()
      .addColumn('unit_id', 'text', (c) => c.primaryKey())
      .addColumn('work_plan_filed_at', 'text')
      .addColumn('work_summary_filed_at', 'text')
      .execute();
  },
};
