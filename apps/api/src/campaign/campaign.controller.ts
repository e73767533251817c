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
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import {
  CAMPAIGN_STREAM,
  campaignDecider,
  demoCampaign,
  nanyangCampaign,
  PHASES,
  unitDecider,
  unitStreamId,
  type CampaignEvent,
  type OfficeContext,
  type Phase,
  type UnitCommand,
  type UnitEvent,
} from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import type { ReadStore } from '@liaison/projections';
import { APP_CONFIG, EVENT_STORE, ExecuteCommand, OFFICE_CONTEXT, READ_STORE } from '@liaison/application';
import { type AppConfig } from '@liaison/app';
import { assertKnownUnit, RequestValidationError } from '../common/errors';
import { PhaseDeadlineDto, WorkPlanDto, WorkSummaryDto } from './campaign.dto';

/** Launches the configured campaign on the first start; a launched campaign stays as it is (CAMPAIGN). */
@Injectable()
export class CampaignLauncher implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.campaign === 'none') return;
    const now = new Date();
    const definition = this.config.campaign === 'demo' ? demoCampaign(now) : nanyangCampaign();
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
  }
}

/** The campaign's phases and deadlines (七), and the units' filings that the phase deadlines watch. */
@ApiTags('campaign')
@ApiBearerAuth()
@Controller()
export class CampaignController {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  @Get('campaign')
  @ApiOperation({ summary: 'The campaign: phases and deadlines, each filing unit and what it has filed' })
  async campaign() {
    const recorded = await this.store.readStream(CAMPAIGN_STREAM);
    if (recorded.length === 0) throw new NotFoundException('no campaign has been launched');
    const launched = recorded[0]!.data as Extract<CampaignEvent, { type: 'CampaignLaunched' }>['data'];
    const decider = campaignDecider(this.context.jurisdictions);
    let state = decider.initialState();
    for (const event of recorded) state = decider.evolve(state, event as unknown as CampaignEvent);
    const filings = new Map(
      (await this.readStore.db.selectFrom('unit_filings').selectAll().execute()).map((row) => [
        row.unit_id,
        row,
      ]),
    );
    return {
      campaignId: launched.campaignId,
      name: launched.name,
      leadUnitId: launched.leadUnitId,
      deadlines: state.launched ? state.deadlines : launched.deadlines,
      units: launched.filingUnits.map((unitId) => ({
        unitId,
        name: this.context.jurisdictions.find(unitId)?.name ?? unitId,
        workPlanFiledAt: filings.get(unitId)?.work_plan_filed_at ?? null,
        workSummaryFiledAt: filings.get(unitId)?.work_summary_filed_at ?? null,
      })),
    };
  }

  @Post('campaign/phases/:phase/deadline')
  @HttpCode(200)
  @ApiOperation({ summary: "Move a phase's deadline (admins); pending deadlines of the phase move with it" })
  async movePhase(
    @Param('phase', new ParseEnumPipe(PHASES, { exceptionFactory: () => phaseError() })) phase: Phase,
    @Body() body: PhaseDeadlineDto,
    @CurrentUser() user: UserAccount,
  ) {
    this.authorizer.enforce(user, 'campaign.manage', {});
    const result = await this.commands.execute(
      new ExecuteCommand(
        'campaign',
        '',
        { type: 'MovePhaseDeadline', data: { phase, to: body.to, reason: body.reason } },
        { actor: user.username, role: user.role, now: new Date().toISOString() },
      ),
    );
    return {
      phase,
      deadlines: result.state.launched ? result.state.deadlines : undefined,
      moved: result.events.length > 0,
    };
  }

  @Get('units/:unitId/filings')
  @ApiOperation({ summary: "A unit's work plan and work summary as filed" })
  async filings(@Param('unitId') unitId: string, @CurrentUser() user: UserAccount) {
    assertKnownUnit(this.context.jurisdictions, unitId);
    this.authorizer.enforce(user, 'office.read', { sponsorUnitId: unitId });
    const decider = unitDecider(this.context.jurisdictions);
    let state = decider.initialState();
    for (const event of await this.store.readStream(unitStreamId(unitId))) {
      state = decider.evolve(state, event as unknown as UnitEvent);
    }
    return { unitId, workPlan: state.workPlan ?? null, workSummary: state.workSummary ?? null };
  }

  @Post('units/:unitId/work-plan')
  @HttpCode(200)
  @ApiOperation({
    summary: "File the unit's lead department, liaison person and work plan (七, by the plan deadline)",
  })
  fileWorkPlan(@Param('unitId') unitId: string, @Body() body: WorkPlanDto, @CurrentUser() user: UserAccount) {
    return this.file(unitId, user, () => ({
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
  fileWorkSummary(
    @Param('unitId') unitId: string,
    @Body() body: WorkSummaryDto,
    @CurrentUser() user: UserAccount,
  ) {
    return this.file(unitId, user, () => ({
      type: 'FileWorkSummary',
      data: { unitId, summary: body.summary },
    }));
  }

  private async file(unitId: string, user: UserAccount, command: () => UnitCommand) {
    assertKnownUnit(this.context.jurisdictions, unitId);
    this.authorizer.enforce(user, 'unit.file', { sponsorUnitId: unitId });
    const result = await this.commands.execute(
      new ExecuteCommand('unit', unitId, command(), {
        actor: user.username,
        role: user.role,
        now: new Date().toISOString(),
      }),
    );
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
