import {
  Controller,
  ForbiddenException,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import {
  CAMPAIGN_STREAM,
  FILING_EVENT,
  mustBeAbolished,
  evolve,
  initialState,
  OFFICE_STATUSES,
  type CampaignLaunched,
  type OfficeContext,
  type OfficeEvent,
  type OfficeState,
  type Phase,
  type PhaseDeadlineMoved,
  type Tier,
  UNIT_STREAM_PREFIX,
} from '@liaison/domain';
import { verifyLog, type EventStore } from '@liaison/event-store';
import { OFFICE_STREAM_PREFIX, officeStreamId } from '@liaison/domain';
import { type ReadStore } from '@liaison/projections';
import { AnchorLog, APP_CONFIG, EVENT_STORE, OFFICE_CONTEXT, READ_STORE } from '@liaison/application';
import { CommandBus } from '@nestjs/cqrs';
import { type AppConfig } from '@liaison/app';
import { assertKnownUnit } from '../common/errors';
import { historyEntry, officeDetail } from '../offices/office-views';
import { csvLine, CSV_COLUMNS, exportRecord, matchingEvents, type EventFilter } from './event-query';
import { officeAsOf, officeTimeline } from './timeline';

const POSITION = /^\d{1,19}\/\d{1,19}$/;

export class PositionPageDto {
  @ApiPropertyOptional({
    description: 'Only events after this log position (`commit/prepare`, from nextCursor)',
  })
  @IsOptional()
  @Matches(POSITION, { message: 'after must be a log position like 1234/1234 (from nextCursor)' })
  after?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class EventFilterDto extends PositionPageDto {
  @ApiPropertyOptional({ description: 'That unit and everything below it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @ApiPropertyOptional({ example: 'RetentionApproved' })
  @IsOptional()
  @Matches(/^[A-Za-z]{1,80}$/, { message: 'type must be an event type name like RetentionApproved' })
  type?: string;

  @ApiPropertyOptional({ example: 'approver.xichuan' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ description: 'When it happened, from (ISO-8601, inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'When it happened, to (ISO-8601, inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class ExportDto extends EventFilterDto {
  @ApiPropertyOptional({ enum: ['csv', 'jsonl'], default: 'jsonl' })
  @IsOptional()
  @IsIn(['csv', 'jsonl'])
  format?: 'csv' | 'jsonl';
}

export class AsOfDto {
  @ApiPropertyOptional({ example: '2015-10-31T16:00:00.000Z', description: 'The instant (ISO-8601)' })
  @IsISO8601({ strict: true })
  at!: string;
}

/** Supervisors' and auditors' view of the record: timelines, the past as of any instant, export, verification. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(
    private readonly authorizer: Authorizer,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
  ) {}

  @Get('offices/:officeId/timeline')
  @ApiOperation({
    summary: "An office's events, each with what it changed in the office's state; by position",
  })
  async officeTimeline(
    @Param('officeId', new ParseUUIDPipe()) officeId: string,
    @Query() page: PositionPageDto,
    @CurrentUser() user: UserAccount,
  ) {
    const recorded = await this.officeStream(officeId, user);
    const entries = officeTimeline(recorded);
    return this.paginate(entries, page);
  }

  @Get('offices/:officeId/as-of')
  @ApiOperation({ summary: 'The office as it stood at an instant, folded from its events up to then' })
  async officeAsOf(
    @Param('officeId', new ParseUUIDPipe()) officeId: string,
    @Query() query: AsOfDto,
    @CurrentUser() user: UserAccount,
  ) {
    const recorded = await this.officeStream(officeId, user);
    const { state, version, lastEvent } = officeAsOf(recorded, Date.parse(query.at));
    if (state.status === 'unregistered') {
      return { officeId, at: query.at, registered: false, version: 0 };
    }
    return {
      at: query.at,
      registered: true,
      asOfEvent: lastEvent ? { type: lastEvent.type, occurredAt: lastEvent.metadata.occurredAt } : null,
      ...officeDetail(state, version, this.context),
    };
  }

  @Get('units/:unitId/timeline')
  @ApiOperation({ summary: "A unit's timeline: its offices' events and its filings, by position" })
  async unitTimeline(
    @Param('unitId') unitId: string,
    @Query() page: PositionPageDto,
    @CurrentUser() user: UserAccount,
  ) {
    assertKnownUnit(this.context.jurisdictions, unitId);
    this.authorizer.enforce(user, 'audit.read', { sponsorUnitId: unitId });
    const offices = await this.readStore.db
      .selectFrom('offices')
      .select('office_id')
      .where('sponsor_path', 'like', `%|${unitId}|%`)
      .execute();
    // Office events carry what they changed; a unit's filings change no office.
    const entries: (ReturnType<typeof historyEntry> & { officeId?: string; unitId?: string })[] = [];
    for (const { office_id } of offices) {
      for (const entry of officeTimeline(await this.store.readStream(officeStreamId(office_id)))) {
        entries.push({ ...entry, officeId: office_id });
      }
    }
    for (const unit of this.context.jurisdictions.all()) {
      if (!this.context.jurisdictions.isWithin(unit.id, unitId)) continue;
      for (const event of await this.store.readStream(`${UNIT_STREAM_PREFIX}${unit.id}`)) {
        entries.push({ ...historyEntry(event), unitId: unit.id });
      }
    }
    entries.sort((a, b) => comparePositionText(a.position, b.position));
    return this.paginate(entries, page);
  }

  @Get('campaign/as-of')
  @ApiOperation({
    summary:
      'The campaign at an instant: offices by status and by unit, and what was overdue, from the events',
  })
  async campaignAsOf(@Query() query: AsOfDto, @CurrentUser() user: UserAccount) {
    this.requireAuditor(user);
    const at = Date.parse(query.at);
    const scope = this.authorizer.listScope(user);
    const within = (unitId: string) =>
      scope.kind === 'all' ||
      (scope.kind === 'within' &&
        this.context.jurisdictions.find(unitId) !== undefined &&
        this.context.jurisdictions.isWithin(unitId, scope.unitId));
    const offices = new Map<string, { state: OfficeState; taskOpened?: { at: string; tier: Tier } }>();
    const filed = new Map<string, Set<string>>();
    let campaign: CampaignLaunched['data'] | undefined;
    const deadlines: Partial<Record<Phase, string>> = {};
    for await (const { event } of matchingEvents(this.store, this.readStore, this.context.jurisdictions, {
      to: query.at,
    })) {
      if (event.streamId.startsWith(OFFICE_STREAM_PREFIX)) {
        const id = event.streamId.slice(OFFICE_STREAM_PREFIX.length);
        const entry = offices.get(id) ?? { state: initialState() };
        entry.state = evolve(entry.state, { type: event.type, data: event.data } as OfficeEvent);
        if (['RetentionRequested', 'RetentionResubmitted'].includes(event.type)) {
          entry.taskOpened = { at: event.metadata.occurredAt, tier: (event.data as { tier: Tier }).tier };
        } else if (event.type === 'RetentionForwarded') {
          entry.taskOpened = { at: event.metadata.occurredAt, tier: (event.data as { toTier: Tier }).toTier };
        }
        offices.set(id, entry);
      } else if (event.streamId === CAMPAIGN_STREAM) {
        if (event.type === 'CampaignLaunched') {
          campaign = event.data as CampaignLaunched['data'];
          Object.assign(deadlines, campaign.deadlines);
        } else if (event.type === 'PhaseDeadlineMoved') {
          const moved = event.data as PhaseDeadlineMoved['data'];
          deadlines[moved.phase] = moved.to;
        }
      } else if (event.streamId.startsWith(UNIT_STREAM_PREFIX)) {
        const unitId = event.streamId.slice(UNIT_STREAM_PREFIX.length);
        filed.set(unitId, (filed.get(unitId) ?? new Set()).add(event.type));
      }
    }
    const byStatus = Object.fromEntries(OFFICE_STATUSES.map((status) => [status, 0])) as Record<
      string,
      number
    >;
    const byUnit: Record<string, Record<string, number>> = {};
    const overdue: { kind: string; subjectId: string; title: string; unitId: string; dueAt: string }[] = [];
    const passed = (deadline: string | undefined) => deadline !== undefined && Date.parse(deadline) < at;
    for (const [officeId, { state, taskOpened }] of offices) {
      if (state.status === 'unregistered' || !within(state.office.sponsorUnitId)) continue;
      const unitId = state.office.sponsorUnitId;
      byStatus[state.status] = (byStatus[state.status] ?? 0) + 1;
      const unit = (byUnit[unitId] ??= {});
      unit[state.status] = (unit[state.status] ?? 0) + 1;
      if (state.status === 'retention-requested' && taskOpened) {
        const due = this.config.calendar.add(new Date(taskOpened.at), this.config.taskSla[taskOpened.tier]);
        if (due.getTime() < at) {
          overdue.push({
            kind: 'task',
            subjectId: officeId,
            title: state.office.name,
            unitId,
            dueAt: due.toISOString(),
          });
        }
      }
      if (mustBeAbolished(state.status, state.office.disposition.outcome) && passed(deadlines['carry-out'])) {
        overdue.push({
          kind: 'abolition',
          subjectId: officeId,
          title: state.office.name,
          unitId,
          dueAt: deadlines['carry-out']!,
        });
      }
    }
    for (const unitId of campaign?.filingUnits ?? []) {
      if (!within(unitId)) continue;
      const title = this.context.jurisdictions.find(unitId)?.name ?? unitId;
      if (passed(deadlines.plan) && !filed.get(unitId)?.has(FILING_EVENT['work-plan'])) {
        overdue.push({ kind: 'work-plan', subjectId: unitId, title, unitId, dueAt: deadlines.plan! });
      }
      if (passed(deadlines.summary) && !filed.get(unitId)?.has(FILING_EVENT['work-summary'])) {
        overdue.push({ kind: 'work-summary', subjectId: unitId, title, unitId, dueAt: deadlines.summary! });
      }
    }
    overdue.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.subjectId.localeCompare(b.subjectId));
    return {
      at: query.at,
      offices: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
      byStatus,
      byUnit,
      deadlines,
      overdue,
    };
  }

  @Get('events')
  @ApiOperation({
    summary: 'Events by unit, office, type, actor and time, in log order, with a position cursor',
  })
  async events(@Query() query: EventFilterDto, @CurrentUser() user: UserAccount) {
    const filter = this.scopedFilter(query, user);
    const limit = query.limit ?? 100;
    const items = [];
    let nextCursor: string | null = null;
    for await (const { event, unitId } of matchingEvents(
      this.store,
      this.readStore,
      this.context.jurisdictions,
      filter,
      query.after,
    )) {
      if (items.length === limit) {
        nextCursor = items[items.length - 1]!.position;
        break;
      }
      items.push(exportRecord(event, unitId));
    }
    return { items, nextCursor };
  }

  @Get('events/export')
  @ApiOperation({ summary: 'The same events streamed as CSV or JSON Lines (not held in memory)' })
  async export(
    @Query() query: ExportDto,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const filter = this.scopedFilter(query, user);
    const format = query.format ?? 'jsonl';
    const source = matchingEvents(
      this.store,
      this.readStore,
      this.context.jurisdictions,
      filter,
      query.after,
    );
    async function* lines() {
      if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
      for await (const { event, unitId } of source) {
        const record = exportRecord(event, unitId);
        yield format === 'csv' ? csvLine(record) : `${JSON.stringify(record)}\n`;
      }
    }
    void reply.header(
      'content-disposition',
      `attachment; filename="events${filter.unitId ? `-${filter.unitId}` : ''}.${format}"`,
    );
    return new StreamableFile(Readable.from(lines()), {
      type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    });
  }

  @Get('audit/verify')
  @ApiOperation({ summary: 'Walk every stream’s hash chain and every anchor; name the first broken link' })
  @Header('cache-control', 'no-store')
  async verify(@CurrentUser() user: UserAccount) {
    this.requireAuditor(user);
    const { heads: _heads, lastPosition: _last, ...report } = await verifyLog(this.store);
    return report;
  }

  @Post('audit/anchors')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Admins: verify, then anchor the heads of all streams (publish the anchor hash outside)',
  })
  async anchor(@CurrentUser() user: UserAccount) {
    if (user.role !== 'admin') throw new ForbiddenException('only an admin anchors the log');
    return this.commands.execute(
      new AnchorLog({ actor: user.username, role: user.role, now: new Date().toISOString() }),
    );
  }

  private async officeStream(officeId: string, user: UserAccount) {
    const recorded = await this.store.readStream(officeStreamId(officeId));
    const registered = recorded[0]?.data as { sponsorUnitId?: string } | undefined;
    if (!registered?.sponsorUnitId) throw new NotFoundException(`there is no office ${officeId}`);
    this.authorizer.enforce(user, 'audit.read', { sponsorUnitId: registered.sponsorUnitId, officeId });
    return recorded;
  }

  private paginate<T extends { position: string }>(entries: T[], page: PositionPageDto) {
    const limit = page.limit ?? 100;
    const start = page.after ? entries.findIndex((e) => comparePositionText(e.position, page.after!) > 0) : 0;
    const items = start < 0 ? [] : entries.slice(start, start + limit);
    const more = start >= 0 && start + limit < entries.length;
    return { items, total: entries.length, nextCursor: more ? items[items.length - 1]!.position : null };
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

function comparePositionText(a: string, b: string): number {
  const [ac, ap] = a.split('/').map(BigInt) as [bigint, bigint];
  const [bc, bp] = b.split('/').map(BigInt) as [bigint, bigint];
  return ac < bc ? -1 : ac > bc ? 1 : ap < bp ? -1 : ap > bp ? 1 : 0;
}
