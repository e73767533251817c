import type { Transaction } from 'kysely';
import {
  CAMPAIGN_STREAM,
  UNIT_STREAM_PREFIX,
  type CampaignEvent,
  type Phase,
  type UnitEvent,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import type { Projection } from '../projection';
import type { CampaignTables } from './schema';

/** The campaign's phases and when each ends, and when each unit first filed its work plan and its summary. */
export class CampaignProjection implements Projection {
  readonly name = 'campaign';

  async applyBatch(trx: Transaction<CampaignTables>, events: readonly RecordedEvent[]): Promise<void> {
    for (const recorded of events) {
      if (recorded.streamId === CAMPAIGN_STREAM) {
        await this.followCampaign(trx, recorded as unknown as CampaignEvent);
      } else if (recorded.streamId.startsWith(UNIT_STREAM_PREFIX)) {
        await this.followFiling(trx, recorded as unknown as UnitEvent);
      }
    }
  }

  private async followCampaign(trx: Transaction<CampaignTables>, event: CampaignEvent): Promise<void> {
    if (event.type === 'CampaignLaunched') {
      const { campaignId, deadlines } = event.data;
      await trx.deleteFrom('campaign_phases').execute();
      for (const phase of Object.keys(deadlines) as Phase[]) {
        await trx
          .insertInto('campaign_phases')
          .values({ phase, campaign_id: campaignId, due_at: deadlines[phase] })
          .execute();
      }
    } else {
      const { phase, to } = event.data;
      await trx.updateTable('campaign_phases').set({ due_at: to }).where('phase', '=', phase).execute();
    }
  }

  /** The first filing of each kind is the one kept: one statement, no lookup. */
  private async followFiling(trx: Transaction<CampaignTables>, event: UnitEvent): Promise<void> {
    const { unitId, filedAt } = event.data;
    const plan = event.type === 'WorkPlanFiled';
    await trx
      .insertInto('unit_filings')
      .values({
        unit_id: unitId,
        work_plan_filed_at: plan ? filedAt : null,
        work_summary_filed_at: plan ? null : filedAt,
      })
      .onConflict((c) =>
        c.column('unit_id').doUpdateSet((eb) =>
          plan
            ? {
                work_plan_filed_at: eb.fn.coalesce(
                  'unit_filings.work_plan_filed_at',
                  'excluded.work_plan_filed_at',
                ),
              }
            : {
                work_summary_filed_at: eb.fn.coalesce(
                  'unit_filings.work_summary_filed_at',
                  'excluded.work_summary_filed_at',
                ),
              },
        ),
      )
      .execute();
  }
}
