import {
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import { CommandBus } from '@nestjs/cqrs';
import { type NoticeRow, type ReadStore } from '@liaison/projections';
import { ExecuteCommand, OFFICE_CONTEXT, READ_STORE } from '@liaison/application';
import type { OfficeContext } from '@liaison/domain';
import { PageQueryDto } from '../offices/dto';
import { RequestValidationError } from '../common/errors';

export class NoticeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only notices not yet marked read' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

const NOTICE_ID = /^[A-Za-z0-9_.-]{1,200}$/;

function view(row: Omit<NoticeRow, 'audience'> & { read_at: string | null }) {
  return {
    noticeId: row.notice_id,
    deadlineId: row.deadline_id,
    kind: row.kind,
    step: row.step,
    subjectId: row.subject_id,
    officeId: row.office_id,
    unitId: row.unit_id,
    title: row.title,
    message: row.message,
    dueAt: row.due_at,
    sentAt: row.sent_at,
    circulate: row.circulate === 1,
    readAt: row.read_at,
  };
}

/** Reminders and escalations addressed to the caller: by name, as an approver group, a unit's clerks, supervisors. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly commands: CommandBus,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My notices, newest first, with the number unread' })
  async mine(@Query() query: NoticeQueryDto, @CurrentUser() user: UserAccount) {
    const { page = 1, pageSize = 50 } = query;
    const audiences = this.authorizer.noticeAudiences(user);
    const base = this.visible(audiences, user.username);
    const filtered = query.unread ? base.where('notice_reads.read_at', 'is', null) : base;
    const [items, totals] = await Promise.all([
      filtered
        .orderBy('notices.seq', 'desc')
        .orderBy('notices.notice_id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      this.readStore.db
        .selectFrom(base.as('visible'))
        .select((eb) => [eb.fn.countAll().as('total'), eb.fn.count('visible.read_at').as('read')])
        .executeTakeFirstOrThrow(),
    ]);
    const total = Number(totals.total);
    const unreadCount = total - Number(totals.read);
    return {
      items: items.map(view),
      total: query.unread ? unreadCount : total,
      unread: unreadCount,
      page,
      pageSize,
    };
  }

  @Get('circulation')
  @ApiOperation({
    summary: 'Overdue items that reached the leading group, to circulate (通报); supervisors and admins',
  })
  async circulation(@Query() query: PageQueryDto, @CurrentUser() user: UserAccount) {
    const scope = this.authorizer.listScope(user);
    if (user.role !== 'supervisor' && user.role !== 'admin') {
      throw new ForbiddenException('the circulation list is for supervisors and admins');
    }
    const { page = 1, pageSize = 50 } = query;
    const rows = await this.readStore.db
      .selectFrom('notices')
      .select([
        'notice_id',
        'deadline_id',
        'kind',
        'subject_id',
        'office_id',
        'unit_id',
        'title',
        'due_at',
        'sent_at',
      ])
      .distinct()
      .where('circulate', '=', 1)
      .orderBy('due_at')
      .orderBy('notice_id')
      .execute();
    const jurisdictions = this.context.jurisdictions;
    const within = rows.filter(
      (row) =>
        scope.kind === 'all' ||
        (scope.kind === 'within' &&
          jurisdictions.find(row.unit_id) !== undefined &&
          jurisdictions.isWithin(row.unit_id, scope.unitId)),
    );
    const items = within.slice((page - 1) * pageSize, page * pageSize).map((row) => ({
      deadlineId: row.deadline_id,
      kind: row.kind,
      subjectId: row.subject_id,
      officeId: row.office_id,
      unitId: row.unit_id,
      title: row.title,
      dueAt: row.due_at,
      listedAt: row.sent_at,
    }));
    return { items, total: within.length, page, pageSize };
  }

  @Post(':noticeId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notices read (recorded; marking it again changes nothing)' })
  async markRead(@Param('noticeId') noticeId: string, @CurrentUser() user: UserAccount) {
    if (!NOTICE_ID.test(noticeId)) {
      throw new RequestValidationError([
        {
          field: 'noticeId',
          rule: 'matches',
          message: 'noticeId must be a notice id as GET /notices gives it',
        },
      ]);
    }
    const audiences = this.authorizer.noticeAudiences(user);
    const notice = await this.visible(audiences, user.username)
      .where('notices.notice_id', '=', noticeId)
      .executeTakeFirst();
    // Someone else's notice does not exist as far as this caller is concerned.
    if (!notice) throw new NotFoundException(`no notice ${noticeId} for ${user.username}`);
    if (notice.read_at !== null) return view(notice);
    const result = await this.commands.execute(
      new ExecuteCommand(
        'notice-reads',
        user.username,
        { type: 'MarkNoticeRead', data: { username: user.username, noticeId } },
        { actor: user.username, role: user.role, now: new Date().toISOString() },
      ),
    );
    // The first read stands when the read models had not shown it yet.
    const readAt = result.state.readAt.get(noticeId) ?? null;
    return view({ ...notice, read_at: readAt });
  }

  private visible(audiences: string[], username: string) {
    return this.readStore.db
      .selectFrom('notices')
      .leftJoin('notice_reads', (join) =>
        join
          .onRef('notice_reads.notice_id', '=', 'notices.notice_id')
          .on('notice_reads.username', '=', username),
      )
      .select([
        'notices.notice_id',
        'notices.deadline_id',
        'notices.kind',
        'notices.step',
        'notices.subject_id',
        'notices.office_id',
        'notices.unit_id',
        'notices.title',
        'notices.message',
        'notices.due_at',
        'notices.sent_at',
        'notices.circulate',
        'notices.seq',
        'notice_reads.read_at',
      ])
      .distinct()
      .where('notices.audience', 'in', audiences);
  }
}
