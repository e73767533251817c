import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { filingUnits, type JurisdictionCatalog, type OfficeContext } from '@liaison/domain';
import { ExecuteCommand, GetCampaignQuery, OFFICE_CONTEXT, SummariesOnFileQuery } from '@liaison/application';

interface Actor {
  actor: string;
  role: string;
  correlationId?: string;
}

/** The cities whose reports a campaign led by this unit opens: the city itself, or every city of the province. */
export function reportCities(jurisdictions: JurisdictionCatalog, leadUnitId: string): string[] {
  const lead = jurisdictions.find(leadUnitId);
  if (lead?.kind === 'city') return [lead.id];
  if (lead?.kind !== 'province') return [];
  return jurisdictions
    .children(lead.id)
    .filter((unit) => unit.kind === 'city')
    .map((unit) => unit.id);
}

/**
 * What the city reports (七(三)) follow from the campaign and the units: the steps move with the summary deadline,
 * and each summary filed falls due for the Bureau's inspection. Each is its own command on the report stream after
 * the campaign's or the unit's event; both are idempotent, and the start-up catch-up repeats them, so a crash in
 * between leaves nothing behind for long.
 */
@Injectable()
export class ReportFollower {
  constructor(
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The summary deadline as the campaign has it now, carried to every report, for `reason`. */
  async summaryDeadlineMoved(reason: string, by: Actor, now: string): Promise<void> {
    const campaign = await this.queries.execute(new GetCampaignQuery());
    if (!campaign) return;
    for (const cityId of reportCities(this.context.jurisdictions, campaign.leadUnitId)) {
      await this.commands.execute(
        new ExecuteCommand(
          'report',
          cityId,
          {
            type: 'MoveReportDeadlines',
            data: { cityId, summaryDueAt: campaign.deadlines.summary, reason },
          },
          { ...by, now, awaitReadModels: false },
        ),
      );
    }
  }

  /** A unit filed its summary at `summaryFiledAt`: its city's Bureau has it to inspect. */
  async summaryFiled(unitId: string, summaryFiledAt: string, by: Actor, now: string): Promise<void> {
    const city = this.context.jurisdictions.nearest(unitId, 'city');
    if (!city || !filingUnits(this.context.jurisdictions, city.id).includes(unitId)) return;
    await this.commands.execute(
      new ExecuteCommand(
        'report',
        city.id,
        { type: 'ScheduleSummaryInspection', data: { cityId: city.id, unitId, summaryFiledAt } },
        { ...by, now, awaitReadModels: false },
      ),
    );
  }

  /** On start: every report counted from the summary deadline as it stands, every summary on file due for inspection. */
  async catchUp(cityIds: readonly string[], now: string): Promise<void> {
    const system = { actor: 'system', role: 'system' };
    await this.summaryDeadlineMoved('the summary deadline as the campaign has it (七)', system, now);
    for (const cityId of cityIds) {
      const units = filingUnits(this.context.jurisdictions, cityId);
      const summaries = await this.queries.execute(new SummariesOnFileQuery(units));
      for (const [unitId, filedAt] of Object.entries(summaries)) {
        await this.summaryFiled(unitId, filedAt, system, now);
      }
    }
  }
}
