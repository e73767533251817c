import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  Param,
  ParseEnumPipe,
  Post,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSignedIn, Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import {
  demoCampaign,
  filingUnits,
  PHASES,
  planCampaign,
  type OfficeContext,
  type Phase,
  type UnitCommand,
} from '@liaison/domain';
import {
  APP_CONFIG,
  ExecuteCommand,
  GetCampaignQuery,
  GetUnitFilingsQuery,
  OFFICE_CONTEXT,
} from '@liaison/application';
import { type AppConfig } from '@liaison/app';
import { assertKnownUnit, RequestValidationError } from '../common/errors';
import { CorrelationId } from '../common/request-meta';
import { PhaseDeadlineDto, WorkPlanDto, WorkSummaryDto } from './campaign.dto';
import { reportCities, ReportFollower } from './report-follow';
import { CampaignDto, FilingRecordedDto, PhaseMovedDto, UnitFilingsDto } from './campaign.responses';

/** Launches the configured campaign on the first start; a launched campaign stays as it is (CAMPAIGN). */
@Injectable()
export class CampaignLauncher implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly reports: ReportFollower,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.campaign === 'none') return;
    const now = new Date();
    const lead = this.context.jurisdictions.find(this.config.campaignUnit);
    if (lead?.kind !== 'city' && lead?.kind !== 'province') {
      throw new Error(`CAMPAIGN_UNIT ${this.config.campaignUnit} is not a city or the province (GET /units)`);
    }
    const definition = this.config.campaign === 'demo' ? demoCampaign(now, lead) : planCampaign(lead);
    const result = await this.commands.execute(
      new ExecuteCommand(
        'campaign',
        '',
        { type: 'LaunchCampaign', data: definition },
        // Nothing reads it back yet, and the read models may be fed by a worker that is not up.
        { actor: 'system', role: 'system', now: now.toISOString(), awaitReadModels: false },
      ),
    );
    if (result.events.length > 0) {
      new Logger('Campaign').log(
        `launched ${definition.campaignId}: ${JSON.stringify(definition.deadlines)}`,
      );
    }
    const cities = reportCities(this.context.jurisdictions, lead.id);
    await this.openReports(lead.id, cities, now);
    await this.reports.catchUp(cities, now.toISOString());
  }

  /**
   * Each city's report (七(三)) opens with the campaign, its steps dated from the summary deadline as the campaign
   * has it now; a report already open stays as it is, so this runs on every start (a store launched before reports
   * existed gets them).
   */
  private async openReports(leadUnitId: string, cityIds: string[], now: Date): Promise<void> {
    const campaign = await this.queries.execute(new GetCampaignQuery());
    if (!campaign || campaign.leadUnitId !== leadUnitId) return;
    for (const cityId of cityIds) {
      await this.commands.execute(
        new ExecuteCommand(
          'report',
          cityId,
          {
            type: 'OpenCityReport',
            data: {
              cityId,
              campaignId: campaign.campaignId,
              filingUnits: filingUnits(this.context.jurisdictions, cityId),
              summaryDueAt: campaign.deadlines.summary,
            },
          },
          { actor: 'system', role: 'system', now: now.toISOString(), awaitReadModels: false },
        ),
      );
    }
  }
}

/** The campaign's phases and deadlines (七), and the units' filings that the phase deadlines watch. */
@ApiTags('campaign')
@ApiBearerAuth()
@ApiSignedIn()
@Controller()
export class CampaignController {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
    private readonly reports: ReportFollower,
  ) {}

  @Get('campaign')
  @ApiOperation({ summary: 'The campaign: phases and deadlines, each filing unit and what it has filed' })
  @ApiErrors([404, 'No campaign has been launched'])
  @ApiOkResponse({ type: CampaignDto })
  async campaign() {
    const campaign = await this.queries.execute(new GetCampaignQuery());
    if (!campaign) throw new NotFoundException('no campaign has been launched');
    return campaign;
  }

  @Post('campaign/phases/:phase/deadline')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Move a phase's deadline (admins); pending deadlines of the phase move with it, the summary phase's with the city reports' steps",
  })
  @ApiParam({ name: 'phase', enum: PHASES })
  @ApiErrors(409, 413, 422)
  @ApiOkResponse({ type: PhaseMovedDto })
  async movePhase(
    @Param('phase', new ParseEnumPipe(PHASES, { exceptionFactory: () => phaseError() })) phase: Phase,
    @Body() body: PhaseDeadlineDto,
    @CurrentUser() user: UserAccount,
    @CorrelationId() correlationId: string,
  ) {
    this.authorizer.enforce(user, 'campaign.manage', {});
    const by = { actor: user.username, role: user.role, correlationId };
    const now = new Date().toISOString();
    const result = await this.commands.execute(
      new ExecuteCommand(
        'campaign',
        '',
        { type: 'MovePhaseDeadline', data: { phase, to: body.to, reason: body.reason } },
        { ...by, now },
      ),
    );
    // Also on a retry that moved nothing: the reports may have missed the move.
    if (phase === 'summary') await this.reports.summaryDeadlineMoved(body.reason, by, now);
    return {
      phase,
      deadlines: result.state.launched ? result.state.deadlines : undefined,
      moved: result.events.length > 0,
    };
  }

  @Get('units/:unitId/filings')
  @ApiOperation({ summary: "A unit's work plan and work summary as filed" })
  @ApiOkResponse({ type: UnitFilingsDto })
  filings(@Param('unitId') unitId: string, @CurrentUser() user: UserAccount) {
    assertKnownUnit(this.context.jurisdictions, unitId);
    this.authorizer.enforce(user, 'office.read', { sponsorUnitId: unitId });
    return this.queries.execute(new GetUnitFilingsQuery(unitId));
  }

  @Post('units/:unitId/work-plan')
  @HttpCode(200)
  @ApiOperation({
    summary: "File the unit's lead department, liaison person and work plan (七, by the plan deadline)",
  })
  @ApiErrors(409, 413, 422)
  @ApiOkResponse({ type: FilingRecordedDto })
  fileWorkPlan(
    @Param('unitId') unitId: string,
    @Body() body: WorkPlanDto,
    @CurrentUser() user: UserAccount,
    @CorrelationId() correlationId: string,
  ) {
    return this.file(unitId, user, correlationId, () => ({
      type: 'FileWorkPlan',
      data: {
        unitId,
        leadDepartment: body.leadDepartment,
        liaisonPerson: { name: body.liaisonPerson.name, phone: body.liaisonPerson.phone },
        plan: body.plan,
      },
    }));
  }

  @Post('units/:unitId/work-summary')
  @HttpCode(200)
  @ApiOperation({ summary: "File the unit's work summary (七, by the summary deadline)" })
  @ApiErrors(409, 413, 422)
  @ApiOkResponse({ type: FilingRecordedDto })
  fileWorkSummary(
    @Param('unitId') unitId: string,
    @Body() body: WorkSummaryDto,
    @CurrentUser() user: UserAccount,
    @CorrelationId() correlationId: string,
  ) {
    return this.file(unitId, user, correlationId, () => ({
      type: 'FileWorkSummary',
      data: { unitId, summary: body.summary },
    }));
  }

  private async file(unitId: string, user: UserAccount, correlationId: string, command: () => UnitCommand) {
    assertKnownUnit(this.context.jurisdictions, unitId);
    this.authorizer.enforce(user, 'unit.file', { sponsorUnitId: unitId });
    const by = { actor: user.username, role: user.role, correlationId };
    const now = new Date().toISOString();
    const result = await this.commands.execute(new ExecuteCommand('unit', unitId, command(), { ...by, now }));
    const summary = result.events.length > 0 ? result.state.workSummary : undefined;
    if (summary && result.events.some((event) => event.type === 'WorkSummaryFiled')) {
      await this.reports.summaryFiled(unitId, summary.filedAt, by, now);
    }
    return {
      unitId,
      workPlan: result.state.workPlan ?? null,
      workSummary: result.state.workSummary ?? null,
      recorded: result.events.map((event) => event.type),
    };
  }
}

function phaseError(): RequestValidationError {
  return new RequestValidationError([
    { field: 'phase', rule: 'isIn', message: `phase must be one of ${PHASES.join(', ')} (七)` },
  ]);
}
