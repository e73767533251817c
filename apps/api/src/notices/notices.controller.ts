import {
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { ApiErrors, ApiSignedIn, Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import { CirculationQuery, MyNoticesQuery, ReaderNoticeQuery, type NoticeReader } from '@liaison/projections';
import { ExecuteCommand } from '@liaison/application';
import { PageQueryDto } from '../offices/dto';
import { RequestValidationError } from '../common/errors';
import { CorrelationId } from '../common/request-meta';
import { CirculationPageDto, NoticeDto, NoticePageDto } from './notice.responses';

export class NoticeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only notices not yet marked read' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

const NOTICE_ID = /^[A-Za-z0-9_.-]{1,200}$/;

/** Reminders and escalations addressed to the caller: by name, as an approver group, a unit's clerks, supervisors. */
@ApiTags('notices')
@ApiBearerAuth()
@ApiSignedIn()
@Controller('notices')
export class NoticesController {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My notices, newest first, with the number unread' })
  @ApiOkResponse({ type: NoticePageDto })
  mine(@Query() query: NoticeQueryDto, @CurrentUser() user: UserAccount) {
    const { page = 1, pageSize = 50 } = query;
    return this.queries.execute(
      new MyNoticesQuery(this.readerOf(user), query.unread ?? false, page, pageSize),
    );
  }

  @Get('circulation')
  @ApiOperation({
    summary: 'Overdue items that reached the leading group, to circulate (通报); supervisors and admins',
  })
  @ApiOkResponse({ type: CirculationPageDto })
  circulation(@Query() query: PageQueryDto, @CurrentUser() user: UserAccount) {
    const scope = this.authorizer.listScope(user);
    if (user.role !== 'supervisor' && user.role !== 'admin') {
      throw new ForbiddenException('the circulation list is for supervisors and admins');
    }
    const { page = 1, pageSize = 50 } = query;
    return this.queries.execute(new CirculationQuery(scope, page, pageSize));
  }

  @Post(':noticeId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notices read (recorded; marking it again changes nothing)' })
  @ApiErrors([404, 'No such notice for the caller'])
  @ApiOkResponse({ type: NoticeDto, description: 'The notice, read' })
  async markRead(
    @Param('noticeId') noticeId: string,
    @CurrentUser() user: UserAccount,
    @CorrelationId() correlationId: string,
  ) {
    if (!NOTICE_ID.test(noticeId)) {
      throw new RequestValidationError([
        {
          field: 'noticeId',
          rule: 'matches',
          message: 'noticeId must be a notice id as GET /notices gives it',
        },
      ]);
    }
    const notice = await this.queries.execute(new ReaderNoticeQuery(this.readerOf(user), noticeId));
    // Someone else's notice does not exist as far as this caller is concerned.
    if (!notice) throw new NotFoundException(`no notice ${noticeId} for ${user.username}`);
    if (notice.readAt !== null) return notice;
    const result = await this.commands.execute(
      new ExecuteCommand(
        'notice-reads',
        user.username,
        { type: 'MarkNoticeRead', data: { username: user.username, noticeId } },
        { actor: user.username, role: user.role, now: new Date().toISOString(), correlationId },
      ),
    );
    // The first read stands when the read models had not shown it yet.
    return { ...notice, readAt: result.state.readAt.get(noticeId) ?? null };
  }

  private readerOf(user: UserAccount): NoticeReader {
    return { audiences: this.authorizer.noticeAudiences(user), username: user.username };
  }
}
