import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import {
  ApiCommand,
  ApiErrors,
  ApiSignedIn,
  Authorizer,
  COMMAND_RESPONSE_HEADERS,
  ETAG_HEADER,
  CurrentUser,
  LOCATION_HEADER,
  type UserAccount,
} from '@liaison/auth';
import { deterministicUuid } from '@liaison/event-store';
import { GetOfficeHistoryQuery, GetOfficeQuery } from '@liaison/application';
import { ListOfficesQuery } from '@liaison/projections';
import { PositionPageDto } from '../audit/audit.dto';
import { Meta, type RequestMeta } from '../common/request-meta';
import {
  AssetDto,
  OfficeListQueryDto,
  RegisterOfficeDto,
  RetentionDecisionDto,
  RetentionRequestDto,
  RulingDto,
  StaffMemberDto,
} from './dto';
import type { OfficeCommandReply } from './command-reply';
import { OfficeHistoryDto } from './history.responses';
import { OfficeListDto } from './office-list.responses';
import { OfficeCommandReplyDto, OfficeDetailDto, RegisteredOfficeDto } from './office.responses';
import { dispatchOfficeCommand, type OfficeCommandArgs } from './office-command-dispatch';
import { OFFICE_ID as ID } from './office-id.pipe';

@ApiTags('offices')
@ApiBearerAuth()
@ApiSignedIn()
@Controller('offices')
export class OfficesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly authorizer: Authorizer,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register an office; the response says what the plan requires for it (section 三)',
  })
  @ApiCommand({ ifMatch: false })
  @ApiErrors([422, 'Unknown sponsor or host city (rule 一), or refused by the plan'])
  @ApiCreatedResponse({
    description: 'Registered: what the plan requires of it, and the office as it now stands',
    type: RegisteredOfficeDto,
    headers: { ...COMMAND_RESPONSE_HEADERS, Location: LOCATION_HEADER },
  })
  async register(
    @Body() body: RegisterOfficeDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    this.authorizer.enforce(user, 'office.register', { sponsorUnitId: body.sponsorUnitId });
    const officeId =
      body.officeId ??
      (meta.idempotencyKey !== undefined
        ? deterministicUuid(`register|${user.username}|${meta.idempotencyKey}`)
        : randomUUID());
    const result = await this.run(
      officeId,
      {
        type: 'RegisterOffice',
        data: {
          officeId,
          name: body.name,
          sponsorUnitId: body.sponsorUnitId,
          hostCityId: body.hostCityId,
          pairedAssistance: body.pairedAssistance ?? false,
          assets: (body.assets ?? []).map((asset) => ({ ...asset })),
          staff: (body.staff ?? []).map((member) => ({ ...member })),
        },
      },
      meta,
      reply,
      user,
    );
    void reply.status(201).header('location', `/offices/${officeId}`);
    const detail = await this.queries.execute(new GetOfficeQuery(officeId));
    return { ...result, office: detail };
  }

  @Get()
  @ApiOperation({ summary: 'List offices, filtered and paginated' })
  @ApiOkResponse({ type: OfficeListDto })
  list(@Query() query: OfficeListQueryDto, @CurrentUser() user: UserAccount) {
    const { page = 1, pageSize = 50, unitId, ...filter } = query;
    // Only what lies within the caller's jurisdiction, narrowed further by ?unitId=.
    const scope = this.authorizer.listScope(user, unitId);
    if (scope.kind === 'none') return { items: [], total: 0, page, pageSize };
    const scoped = scope.kind === 'within' ? { ...filter, unitId: scope.unitId } : filter;
    return this.queries.execute(new ListOfficesQuery(scoped, page, pageSize));
  }

  @Get(':officeId')
  @ApiOperation({
    summary: 'An office: status, disposition with the rule cited, assets, staff, next actions',
  })
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeDetailDto, headers: { ETag: ETAG_HEADER } })
  async detail(
    @Param('officeId', ID) officeId: string,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const detail = await this.queries.execute(new GetOfficeQuery(officeId));
    this.authorizer.enforce(user, 'office.read', { sponsorUnitId: detail.sponsor.unitId, officeId });
    void reply.header('etag', `"${detail.version}"`);
    return detail;
  }

  @Get(':officeId/history')
  @ApiOperation({
    summary:
      "The office's history: its events with time, actor, role, tier and comment; by position, as the timeline",
  })
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeHistoryDto })
  async history(
    @Param('officeId', ID) officeId: string,
    @Query() page: PositionPageDto,
    @CurrentUser() user: UserAccount,
  ) {
    const history = await this.queries.execute(new GetOfficeHistoryQuery(officeId, page));
    this.authorizer.enforce(user, 'office.read', { sponsorUnitId: history.sponsorUnitId, officeId });
    return history;
  }

  @Post(':officeId/ruling')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  @ApiOperation({ summary: 'Rule on an office the plan does not cover (provincial tier)' })
  ruling(
    @Param('officeId', ID) officeId: string,
    @Body() body: RulingDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      officeId,
      // Named so that a ruling task another approver has claimed is not decided behind their back.
      { type: 'RuleOnOffice', data: { ...body, approver: user.username } },
      meta,
      reply,
      user,
      body.tier,
      body.reasoning,
    );
  }

  @Post(':officeId/retention-request')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  @ApiOperation({
    summary: 'Request retention where the plan allows it (三(一)-c, 三(二)-exception, or after a ruling)',
  })
  requestRetention(
    @Param('officeId', ID) officeId: string,
    @Body() body: RetentionRequestDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      officeId,
      { type: 'RequestRetention', data: { ...body, functions: [...body.functions] } },
      meta,
      reply,
      user,
    );
  }

  @Post(':officeId/retention-request/resubmission')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  @ApiOperation({ summary: 'Resubmit a returned request; it goes back to the tier that returned it' })
  resubmit(
    @Param('officeId', ID) officeId: string,
    @Body() body: RetentionRequestDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      officeId,
      { type: 'ResubmitRetention', data: { ...body, functions: [...body.functions] } },
      meta,
      reply,
      user,
    );
  }

  @Post(':officeId/retention-decisions')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  @ApiOperation({
    summary: 'Approve (forward or final), reject or return a retention request at the acting tier',
  })
  decide(
    @Param('officeId', ID) officeId: string,
    @Body() body: RetentionDecisionDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = {
      tier: body.tier,
      decision: body.decision,
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      // Named so that a task another approver has claimed is not decided behind their back.
      approver: user.username,
    };
    return this.run(officeId, { type: 'DecideRetention', data }, meta, reply, user, body.tier, body.comment);
  }

  @Post(':officeId/assets')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  @ApiOperation({ summary: 'Register an asset found after registration' })
  addAsset(
    @Param('officeId', ID) officeId: string,
    @Body() body: AssetDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(officeId, { type: 'RegisterAsset', data: { asset: { ...body } } }, meta, reply, user);
  }

  @Post(':officeId/staff')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  @ApiOperation({ summary: 'Register a staff member found after registration' })
  addStaff(
    @Param('officeId', ID) officeId: string,
    @Body() body: StaffMemberDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      officeId,
      { type: 'RegisterStaffMember', data: { staffMember: { ...body } } },
      meta,
      reply,
      user,
    );
  }

  private run(...args: OfficeCommandArgs): Promise<OfficeCommandReply> {
    return dispatchOfficeCommand(this.commands, this.authorizer, ...args);
  }
}
