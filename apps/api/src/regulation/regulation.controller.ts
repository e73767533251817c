import { Body, ConflictException, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSignedIn, Authorizer, CurrentUser, listScope, type UserAccount } from '@liaison/auth';
import {
  regulationObligations,
  type AppraisalGrade,
  type ComplaintChannel,
  type OfficeContext,
  type RegulationCommand,
  type SupervisionKind,
} from '@liaison/domain';
import {
  ExecuteCommand,
  OFFICE_CONTEXT,
  RegulatedOfficeQuery,
  RegulationStateQuery,
  type RegulatedOffice,
} from '@liaison/application';
import { RegulationLapsesQuery } from '@liaison/projections';
import { Inject } from '@nestjs/common';
import { CorrelationId } from '../common/request-meta';
import {
  AppraisalRecordDto,
  ComplaintRecordDto,
  ComplaintResultDto,
  DecouplingRecordDto,
  DisclosureRecordDto,
  FunctionRecordDto,
  LapsesQueryDto,
  ReceptionRecordDto,
  RotationRecordDto,
  SupervisionRecordDto,
} from './regulation.dto';
import { RegulatedOfficeDto, RegulationActionDto, RegulationLapseDto } from './regulation.responses';
import { regulationView } from './regulation-view';

type Record_ = Exclude<RegulationCommand, { type: 'OpenRegulation' }>;
type RecordData<C extends Record_> = Omit<C['data'], 'officeId'>;

/**
 * A retained office under regulation (四, 五, 六): the sponsor's clerks record its duties; clerks, supervisors and
 * admins read its dated duties and lapses. Outside one's jurisdiction an office reads as not there (404).
 */
@ApiTags('regulation')
@ApiBearerAuth()
@ApiSignedIn()
@Controller('regulation')
export class RegulationController {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  @Get('lapses')
  @ApiOperation({
    summary: "The retained offices' lapses (五, 六) within the caller's jurisdiction: overdue, unmet",
  })
  @ApiOkResponse({ type: [RegulationLapseDto] })
  lapses(@Query() query: LapsesQueryDto, @CurrentUser() user: UserAccount) {
    if (user.role === 'approver') {
      this.authorizer.enforce(user, 'regulation.read', { sponsorUnitId: user.unitId });
    }
    const scope = listScope(user, this.context.jurisdictions, query.unitId);
    return this.queries.execute(new RegulationLapsesQuery(scope, new Date().toISOString()));
  }

  @Get('offices/:officeId')
  @ApiOperation({ summary: "A retained office's dated duties, lapses and records under 四, 五, 六" })
  @ApiErrors(404, [409, 'The office is not retained'])
  @ApiOkResponse({ type: RegulatedOfficeDto })
  async office(@Param('officeId') officeId: string, @CurrentUser() user: UserAccount) {
    const office = await this.retained(officeId, user, 'regulation.read');
    const { state, version } = await this.queries.execute(new RegulationStateQuery(officeId));
    const obligations = regulationObligations(state, new Date().toISOString());
    return regulationView(office, state, version, obligations);
  }

  @Post('offices/:officeId/functions')
  @HttpCode(200)
  @ApiOperation({ summary: '四: record something the office did under one of its functions, with evidence' })
  @ApiErrors(404, 409, 422)
  @ApiOkResponse({ type: RegulationActionDto })
  functions(
    @Param('officeId') id: string,
    @Body() body: FunctionRecordDto,
    @CurrentUser() u: UserAccount,
    @CorrelationId() c: string,
  ) {
    return this.record(id, u, c, {
      type: 'RecordFunction',
      data: { officeId: id, ...(body as RecordData<Extract<Record_, { type: 'RecordFunction' }>>) },
    });
  }

  @Post('offices/:officeId/decoupling')
  @HttpCode(200)
  @ApiOperation({
    summary: '五(一): record the decoupling from hotels, guesthouses and other business entities',
  })
  @ApiErrors(404, 409, 422)
  @ApiOkResponse({ type: RegulationActionDto })
  decoupling(
    @Param('officeId') id: string,
    @Body() body: DecouplingRecordDto,
    @CurrentUser() u: UserAccount,
    @CorrelationId() c: string,
  ) {
    return this.record(id, u, c, { type: 'RecordDecoupling', data: { officeId: id, ...body } });
  }

  @Post('offices/:officeId/receptions')
  @HttpCode(200)
  @ApiOperation({ summary: '五(二): keep an official reception with its letter (公函) and list (清单)' })
  @ApiErrors(404, 409, 422)
  @ApiOkResponse({ type: RegulationActionDto })
  reception(
    @Param('officeId') id: string,
    @Body() body: ReceptionRecordDto,
    @CurrentUser() u: UserAccount,
    @CorrelationId() c: string,
  ) {
    return this.record(id, u, c, { type: 'RecordReception', data: { officeId: id, ...body } });
  }

  @Post('offices/:officeId/disclosures')
  @HttpCode(200)
  @ApiOperation({ summary: "五(三): the year's reception budget and spending, published; due every year" })
  @ApiErrors(404, 409, 422)
  @ApiOkResponse({ type: RegulationActionDto })
  disclosure(
    @Param('officeId') id: string,
    @Body() body: DisclosureRecordDto,
    @CurrentUser() u: UserAccount,
    @CorrelationId() c: string,
  ) {
    return this.record(id, u, c, { type: 'PublishDisclosure', data: { officeId: id, ...body } });
  }

  @Post('offices/:officeId/rotations')
  @HttpCode(200)
  @ApiOperation({ summary: '六(三): a cadre rotated in or out, with the appointment document' })
  @ApiErrors(404, 409, 422)
  @ApiOkResponse({ type: RegulationActionDto })
  rotation(
    @Param('officeId') id: string,
    @Body() body: RotationRecordDto,
    @CurrentUser() u: UserAccount,
    @CorrelationId() c: string,
  ) {
    return this.record(id, u, c, { type: 'RecordRotation', data: { officeId: id, ...body } });
  }

  @Post('offices/:officeId/appraisals')
  @HttpCode(200)
  @ApiOperation({
    summary: "六(一)(二): the sponsor's yearly appraisal, with the host city's opinion; due every year",
  })
  @ApiErrors(404, 409, 422)
  @ApiOkResponse({ type: RegulationActionDto })
  appraisal(
    @Param('officeId') id: string,
    @Body() body: AppraisalRecordDto,
    @CurrentUser() u: UserAccount,
    @CorrelationId() c: string,
  ) {
    return this.record(id, u, c, {
      type: 'RecordAppraisal',
      data: { officeId: id, ...body, grade: body.grade as AppraisalGrade },
    });
  }

  @Post('offices/:officeId/supervisions')
  @HttpCode(200)
  @ApiOperation({ summary: '六(四): an inspection (巡查) or audit, with its findings and report' })
  @ApiErrors(404, 409, 422)
  @ApiOkResponse({ type: RegulationActionDto })
  supervision(
    @Param('officeId') id: string,
    @Body() body: SupervisionRecordDto,
    @CurrentUser() u: UserAccount,
    @CorrelationId() c: string,
  ) {
    return this.record(id, u, c, {
      type: 'RecordSupervision',
      data: { officeId: id, ...body, kind: body.kind as SupervisionKind },
    });
  }

  @Post('offices/:officeId/complaints')
  @HttpCode(200)
  @ApiOperation({
    summary: '六(四): a complaint received on the public line or mailbox; its result falls due',
  })
  @ApiErrors(404, 409, 422)
  @ApiOkResponse({ type: RegulationActionDto })
  complaint(
    @Param('officeId') id: string,
    @Body() body: ComplaintRecordDto,
    @CurrentUser() u: UserAccount,
    @CorrelationId() c: string,
  ) {
    return this.record(id, u, c, {
      type: 'ReceiveComplaint',
      data: { officeId: id, ...body, channel: body.channel as ComplaintChannel },
    });
  }

  @Post('offices/:officeId/complaints/:complaintId/result')
  @HttpCode(200)
  @ApiOperation({ summary: "六(四): a complaint's investigation and its published result" })
  @ApiErrors(404, 409, 422)
  @ApiOkResponse({ type: RegulationActionDto })
  complaintResult(
    @Param('officeId') id: string,
    @Param('complaintId') complaintId: string,
    @Body() body: ComplaintResultDto,
    @CurrentUser() u: UserAccount,
    @CorrelationId() c: string,
  ) {
    return this.record(id, u, c, { type: 'ResolveComplaint', data: { officeId: id, complaintId, ...body } });
  }

  /** The office, if the caller may see it (else 404) and it is retained (else 409). */
  private async retained(
    officeId: string,
    user: UserAccount,
    action: 'regulation.read' | 'regulation.record',
  ): Promise<RegulatedOffice & { retainedAt: string }> {
    const office = await this.queries.execute(new RegulatedOfficeQuery(officeId));
    this.authorizer.enforce(user, action, { sponsorUnitId: office.sponsorUnitId, officeId });
    if (office.retainedAt === null) {
      throw new ConflictException(
        `office ${officeId} is ${office.status}, not retained: only an office whose retention was approved is regulated (四, 五, 六)`,
      );
    }
    return { ...office, retainedAt: office.retainedAt };
  }

  private async record(officeId: string, user: UserAccount, correlationId: string, command: Record_) {
    const office = await this.retained(officeId, user, 'regulation.record');
    const options = { actor: user.username, role: user.role, now: new Date().toISOString(), correlationId };
    // Opened when the retention was approved; an office retained before regulation was recorded opens here.
    const { name, sponsorUnitId, hostCityId, retainedAt } = office;
    await this.commands.execute(
      new ExecuteCommand(
        'regulation',
        officeId,
        {
          type: 'OpenRegulation',
          data: { officeId, name, sponsorUnitId, hostCityId, retainedAt },
        },
        options,
      ),
    );
    const result = await this.commands.execute(new ExecuteCommand('regulation', officeId, command, options));
    return { officeId, recorded: result.events.map((event) => event.type), version: result.version };
  }
}
