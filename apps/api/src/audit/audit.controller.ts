import {
  Controller,
  ForbiddenException,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { ApiErrors, ApiSignedIn, Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import type { OfficeContext } from '@liaison/domain';
import type { EventFilter } from '@liaison/projections';
import {
  AnchorLog,
  CampaignAsOfQuery,
  EventsQuery,
  ExportEventsQuery,
  OFFICE_CONTEXT,
  OfficeAsOfQuery,
  OfficeTimelineQuery,
  UnitTimelineQuery,
  VerifyLogQuery,
  type SponsorCheck,
} from '@liaison/application';
import { assertKnownUnit } from '../common/errors';
import { CorrelationId } from '../common/request-meta';
import { AsOfDto, EventFilterDto, ExportDto, PositionPageDto } from './audit.dto';
import {
  AnchorResultDto,
  CampaignAsOfDto,
  LogEventPageDto,
  OfficeAsOfDto,
  OfficeTimelineDto,
  UnitTimelineDto,
  VerifyReportDto,
} from './audit.responses';

/**
 * Supervisors' and auditors' view of the record: timelines, the past as of any instant, export, verification. The
 * controller decides who may ask; the answers come from the audit query handlers.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiSignedIn()
@Controller()
export class AuditController {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly queries: QueryBus,
    // The jurisdiction tree, to refuse a unit id that names no unit (400) before asking about its scope.
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
    private readonly commands: CommandBus,
  ) {}

  @Get('offices/:officeId/timeline')
  @ApiOperation({
    summary: "An office's events, each with what it changed in the office's state; by position",
  })
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeTimelineDto })
  officeTimeline(
    @Param('officeId', new ParseUUIDPipe()) officeId: string,
    @Query() page: PositionPageDto,
    @CurrentUser() user: UserAccount,
  ) {
    return this.queries.execute(new OfficeTimelineQuery(officeId, page, this.mayAudit(user, officeId)));
  }

  @Get('offices/:officeId/as-of')
  @ApiOperation({ summary: 'The office as it stood at an instant, folded from its events up to then' })
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeAsOfDto })
  officeAsOf(
    @Param('officeId', new ParseUUIDPipe()) officeId: string,
    @Query() query: AsOfDto,
    @CurrentUser() user: UserAccount,
  ) {
    return this.queries.execute(new OfficeAsOfQuery(officeId, query.at, this.mayAudit(user, officeId)));
  }

  @Get('units/:unitId/timeline')
  @ApiOperation({ summary: "A unit's timeline: its offices' events and its filings, by position" })
  @ApiOkResponse({ type: UnitTimelineDto })
  unitTimeline(
    @Param('unitId') unitId: string,
    @Query() page: PositionPageDto,
    @CurrentUser() user: UserAccount,
  ) {
    assertKnownUnit(this.context.jurisdictions, unitId);
    this.authorizer.enforce(user, 'audit.read', { sponsorUnitId: unitId });
    return this.queries.execute(new UnitTimelineQuery(unitId, page));
  }

  @Get('campaign/as-of')
  @ApiOperation({
    summary:
      'The campaign at an instant: offices by status and by unit, and what was overdue, from the events',
  })
  @ApiOkResponse({ type: CampaignAsOfDto })
  campaignAsOf(@Query() query: AsOfDto, @CurrentUser() user: UserAccount) {
    this.requireAuditor(user);
    return this.queries.execute(new CampaignAsOfQuery(query.at, this.authorizer.listScope(user)));
  }

  @Get('events')
  @ApiOperation({
    summary: 'Events by unit, office, type, actor and time, in log order, with a position cursor',
  })
  @ApiOkResponse({ type: LogEventPageDto })
  events(@Query() query: EventFilterDto, @CurrentUser() user: UserAccount) {
    const filter = this.scopedFilter(query, user);
    return this.queries.execute(new EventsQuery(filter, query.limit ?? 100, query.after));
  }

  @Get('events/export')
  @ApiOperation({ summary: 'The same events streamed as CSV or JSON Lines (not held in memory)' })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({
    description: 'One event per line (JSON Lines), or a CSV with a header row; as `format` asks',
    headers: {
      'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' } },
    },
    content: {
      'application/x-ndjson': { schema: { type: 'string', description: 'One JSON event per line' } },
      'text/csv': { schema: { type: 'string', description: 'A header row, then one event per row' } },
    },
  })
  async export(
    @Query() query: ExportDto,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const filter = this.scopedFilter(query, user);
    const exported = await this.queries.execute(
      new ExportEventsQuery(filter, query.format ?? 'jsonl', query.after),
    );
    void reply.header('content-disposition', `attachment; filename="${exported.fileName}"`);
    return new StreamableFile(Readable.from(exported.lines), { type: exported.contentType });
  }

  @Get('audit/verify')
  @ApiOperation({ summary: 'Walk every stream’s hash chain and every anchor; name the first broken link' })
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: VerifyReportDto })
  verify(@CurrentUser() user: UserAccount) {
    this.requireAuditor(user);
    return this.queries.execute(new VerifyLogQuery());
  }

  @Post('audit/anchors')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Admins: verify, then anchor the heads of all streams (publish the anchor hash outside)',
  })
  @ApiCreatedResponse({ type: AnchorResultDto, description: 'Verified, and anchored when intact' })
  async anchor(@CurrentUser() user: UserAccount, @CorrelationId() correlationId: string) {
    if (user.role !== 'admin') throw new ForbiddenException('only an admin anchors the log');
    return this.commands.execute(
      new AnchorLog({ actor: user.username, role: user.role, now: new Date().toISOString(), correlationId }),
    );
  }

  /** Whether the user may read the trail of an office, asked once its stream names the sponsor. */
  private mayAudit(user: UserAccount, officeId: string): SponsorCheck {
    return (sponsorUnitId) => this.authorizer.enforce(user, 'audit.read', { sponsorUnitId, officeId });
  }

  private requireAuditor(user: UserAccount): void {
    if (user.role !== 'supervisor' && user.role !== 'admin') {
      throw new ForbiddenException(`replaying the audit trail is a supervisor's work, not a ${user.role}'s`);
    }
  }

  /** Supervisors see what lies within their jurisdiction: the unit filter is narrowed to it. */
  private scopedFilter(query: EventFilterDto, user: UserAccount): EventFilter {
    this.requireAuditor(user);
    if (query.unitId) assertKnownUnit(this.context.jurisdictions, query.unitId);
    const scope = this.authorizer.listScope(user, query.unitId);
    if (scope.kind === 'none')
      throw new ForbiddenException(`${query.unitId} lies outside ${user.username}'s jurisdiction`);
    const { after: _after, limit: _limit, ...filter } = query as ExportDto;
    delete (filter as { format?: string }).format;
    return { ...filter, ...(scope.kind === 'within' ? { unitId: scope.unitId } : {}) };
  }
}
