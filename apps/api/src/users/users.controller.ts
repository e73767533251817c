import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
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
  UserDirectory,
} from '@liaison/auth';
import type { AccountCommand, OfficeContext } from '@liaison/domain';
import { GetUserHistoryQuery, GetUserQuery, OFFICE_CONTEXT } from '@liaison/application';
import { ListUsersQuery } from '@liaison/projections';
import { assertKnownUnit, RequestValidationError } from '../common/errors';
import { PositionPageDto } from '../audit/audit.dto';
import { Meta, type RequestMeta } from '../common/request-meta';
import { dispatchUserCommand, type DispatchMeta } from './user-command-dispatch';
import { USERNAME } from './username.pipe';
import { ChangeUserRoleDto, CreateUserDto, ReasonDto, UserListQueryDto } from './users.dto';
import {
  OneTimePasswordReplyDto,
  UserCommandReplyDto,
  UserDto,
  UserHistoryDto,
  UserListDto,
} from './user.responses';

/**
 * Administration of user accounts (administrators; a municipal administrator within the city). Every change is an
 * event on the account's stream with the actor and the reason; reads fold the stream, the list reads its read model.
 */
@ApiTags('users')
@ApiBearerAuth()
@ApiSignedIn()
@Controller('users')
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly authorizer: Authorizer,
    private readonly users: UserDirectory,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The accounts within your jurisdiction, by username; filter by unit, role, status',
  })
  @ApiOkResponse({ type: UserListDto })
  list(@Query() query: UserListQueryDto, @CurrentUser() user: UserAccount) {
    this.authorizer.enforce(user, 'user.read');
    const { page = 1, pageSize = 50, unitId, ...filter } = query;
    if (unitId !== undefined) assertKnownUnit(this.context.jurisdictions, unitId);
    const scope = this.authorizer.listScope(user, unitId);
    if (scope.kind === 'none') return { items: [], total: 0, page, pageSize };
    const scoped = scope.kind === 'within' ? { ...filter, unitId: scope.unitId } : filter;
    return this.queries.execute(new ListUsersQuery(scoped, page, pageSize));
  }

  @Post()
  @ApiOperation({
    summary:
      'Create an account with a one-time password, shown once in the answer: it must be changed at the first sign-in',
  })
  @ApiCommand({ ifMatch: false })
  @ApiErrors(
    [403, 'Not an administrator, or a unit or role beyond your jurisdiction'],
    [409, 'The username is taken'],
  )
  @ApiCreatedResponse({
    description: 'Created; `oneTimePassword` is in the body (not on a replay)',
    type: OneTimePasswordReplyDto,
    headers: { ...COMMAND_RESPONSE_HEADERS, Location: LOCATION_HEADER },
  })
  async create(
    @Body() body: CreateUserDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    assertKnownUnit(this.context.jurisdictions, body.unitId);
    const grant = { role: body.role, unitId: body.unitId };
    this.authorizer.enforce(user, 'user.manage', { grant });
    const { username, displayName, role, unitId, reason } = body;
    const { password, credentialId } = await this.users.oneTime(username);
    const result = await this.users.settle(username, credentialId, () =>
      this.dispatch(
        user,
        { type: 'CreateUser', data: { username, displayName, role, unitId, credentialId, reason } },
        { ...meta, reason, grant },
        reply,
      ),
    );
    void reply.status(201).header('location', `/users/${username}`).header('cache-control', 'no-store');
    // A replay appended nothing: the password made now was never recorded, and the first one is not kept.
    return result.replayed ? result : { ...result, oneTimePassword: password };
  }

  @Get(':username')
  @ApiOperation({
    summary: 'An account as it stands: role, unit, status, whether a one-time password is pending',
  })
  @ApiErrors([404, 'No such account within your jurisdiction'])
  @ApiOkResponse({ type: UserDto, headers: { ETag: ETAG_HEADER } })
  async detail(
    @Param('username', USERNAME) username: string,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    this.authorizer.enforce(user, 'user.read');
    const detail = await this.queries.execute(new GetUserQuery(username));
    this.authorizer.enforce(user, 'user.read', { subject: detail });
    void reply.header('etag', `"${detail.version}"`);
    return detail;
  }

  @Get(':username/history')
  @ApiOperation({
    summary:
      "The account's history: every change with time, actor, role and reason (password hashes withheld)",
  })
  @ApiErrors([404, 'No such account within your jurisdiction'])
  @ApiOkResponse({ type: UserHistoryDto })
  async history(
    @Param('username', USERNAME) username: string,
    @Query() page: PositionPageDto,
    @CurrentUser() user: UserAccount,
  ) {
    this.authorizer.enforce(user, 'user.read');
    const history = await this.queries.execute(new GetUserHistoryQuery(username, page));
    this.authorizer.enforce(user, 'user.read', { subject: { username, unitId: history.unitId } });
    return history;
  }

  @Patch(':username')
  @ApiOperation({ summary: 'Give the account another role, another unit, or both; takes effect at once' })
  @ApiCommand()
  @ApiErrors([404, 'No such account within your jurisdiction'])
  @ApiOkResponse({ type: UserCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  async changeRole(
    @Param('username', USERNAME) username: string,
    @Body() body: ChangeUserRoleDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    this.authorizer.enforce(user, 'user.manage');
    if (body.role === undefined && body.unitId === undefined) {
      throw new RequestValidationError([
        {
          field: 'role',
          rule: 'required',
          message: 'give role, unitId or both: the account’s new role and unit',
        },
      ]);
    }
    if (body.unitId !== undefined) assertKnownUnit(this.context.jurisdictions, body.unitId);
    // What is left out stays as it is: as read now, and refused (409) if the account changes before the command.
    const current = await this.queries.execute(new GetUserQuery(username));
    this.authorizer.enforce(user, 'user.read', { subject: current });
    const grant = { role: body.role ?? current.role, unitId: body.unitId ?? current.unitId };
    return this.dispatch(
      user,
      { type: 'ChangeUserRole', data: { username, ...grant, reason: body.reason } },
      { ...meta, reason: body.reason, grant, expectedVersion: meta.expectedVersion ?? current.version },
      reply,
    );
  }

  @Post(':username/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable the account: it cannot sign in, and its tokens stop working at once' })
  @ApiCommand()
  @ApiErrors([404, 'No such account within your jurisdiction'])
  @ApiOkResponse({ type: UserCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  disable(
    @Param('username', USERNAME) username: string,
    @Body() body: ReasonDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    this.authorizer.enforce(user, 'user.manage');
    const command: AccountCommand = { type: 'DisableUser', data: { username, reason: body.reason } };
    return this.dispatch(user, command, { ...meta, reason: body.reason }, reply);
  }

  @Post(':username/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled account; tokens from before it was disabled stay dead' })
  @ApiCommand()
  @ApiErrors([404, 'No such account within your jurisdiction'])
  @ApiOkResponse({ type: UserCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  enable(
    @Param('username', USERNAME) username: string,
    @Body() body: ReasonDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    this.authorizer.enforce(user, 'user.manage');
    const command: AccountCommand = { type: 'EnableUser', data: { username, reason: body.reason } };
    return this.dispatch(user, command, { ...meta, reason: body.reason }, reply);
  }

  @Post(':username/password-reset')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Set a one-time password, shown once in the answer: every session ends, and it must be changed at the next ' +
      'sign-in',
  })
  @ApiCommand()
  @ApiErrors([404, 'No such account within your jurisdiction'])
  @ApiOkResponse({ type: OneTimePasswordReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  async resetPassword(
    @Param('username', USERNAME) username: string,
    @Body() body: ReasonDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    this.authorizer.enforce(user, 'user.manage');
    const { password, credentialId } = await this.users.oneTime(username);
    const result = await this.users.settle(username, credentialId, () =>
      this.dispatch(
        user,
        { type: 'ResetPassword', data: { username, credentialId, reason: body.reason } },
        { ...meta, reason: body.reason },
        reply,
      ),
    );
    void reply.header('cache-control', 'no-store');
    return result.replayed ? result : { ...result, oneTimePassword: password };
  }

  private dispatch(user: UserAccount, command: AccountCommand, meta: DispatchMeta, reply: FastifyReply) {
    return dispatchUserCommand(this.commands, this.authorizer, user, command, meta, reply);
  }
}
