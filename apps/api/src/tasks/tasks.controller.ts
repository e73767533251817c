import {
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  UnprocessableEntityException,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiCommand,
  ApiErrors,
  ApiSignedIn,
  Authorizer,
  CurrentUser,
  type UserAccount,
  UserDirectory,
} from '@liaison/auth';
import {
  DomainError,
  ESCALATION_STEPS,
  stepTimes,
  type OfficeCommand,
  type OfficeContext,
  type Tier,
} from '@liaison/domain';
import {
  candidateGroup,
  FindTaskQuery,
  GetInboxQuery,
  ListGroupsQuery,
  type InboxFilter,
  type TaskRow,
} from '@liaison/projections';
import { APP_CONFIG, CurrentTaskQuery, ExecuteCommand, OFFICE_CONTEXT } from '@liaison/application';
import type { AppConfig } from '@liaison/app';
import { VersionConflict } from '@liaison/event-store';
import { Meta, type RequestMeta } from '../common/request-meta';
import { officeCommandReply } from '../offices/command-reply';
import { POLICY_ACTION, taskDecision, taskView } from './task-actions';
import { dueIn } from './due-in';
import { DelegatesDto, InboxDto, TaskCommandReplyDto, TaskDetailDto } from './task.responses';
import { DelegateDto, InboxQueryDto, TaskDecisionDto } from './tasks.dto';

const TASK_ID = /^[0-9a-f-]{36}\/\d{1,9}$/;

/**
 * The approvers' inbox. A task is the decision a retention request waits for at one tier (`kind: retention`), or
 * the provincial ruling an office the plan does not cover waits for (`kind: ruling`); every action on it is a
 * command on the office's stream, sent with the office version the task was read at, so two approvers acting on
 * the same task at once cannot both succeed.
 */
@ApiTags('tasks')
@ApiBearerAuth()
@ApiSignedIn()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly authorizer: Authorizer,
    private readonly users: UserDirectory,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** When the escalation ladder's notices go out for an open task's due date (七, 八), and whether each has. */
  private reminders(task: TaskRow, now: Date) {
    if (task.status !== 'open' || task.due_at === null) return undefined;
    const times = stepTimes(new Date(task.due_at), this.config.escalationLadder, this.config.calendar);
    return ESCALATION_STEPS.map((step) => ({
      step,
      at: times[step].toISOString(),
      passed: times[step].getTime() <= now.getTime(),
    }));
  }

  /** The task with how far its due date is, on the configured working-day calendar. */
  private withDue(task: TaskRow, now: Date) {
    const due =
      task.status === 'open' && task.due_at !== null
        ? dueIn(this.context.taskDeadlines.calendar, now, task.due_at)
        : undefined;
    return taskView(task, due);
  }

  /** The filter of an inbox call; the unit, if given, must lie within the approver's jurisdiction. */
  private inboxFilter(query: InboxQueryDto, jurisdictionId: string): InboxFilter {
    const { jurisdictions } = this.context;
    let sponsorUnitIds: string[] | undefined;
    if (query.unitId !== undefined) {
      if (!jurisdictions.find(query.unitId) || !jurisdictions.isWithin(query.unitId, jurisdictionId)) {
        throw new UnprocessableEntityException({
          message: `unitId must name a unit within your jurisdiction (${jurisdictionId})`,
          details: [
            { field: 'unitId', rule: 'within-jurisdiction', message: 'a unit within your jurisdiction' },
          ],
        });
      }
      const unitId = query.unitId;
      sponsorUnitIds = jurisdictions
        .all()
        .filter((unit) => jurisdictions.isWithin(unit.id, unitId))
        .map((unit) => unit.id);
    }
    return {
      ...(sponsorUnitIds ? { sponsorUnitIds } : {}),
      ...(query.tier ? { tier: query.tier } : {}),
      ...(query.ruleId ? { ruleId: query.ruleId } : {}),
      ...(query.officeName ? { officeName: query.officeName } : {}),
    };
  }

  @Get()
  @ApiOperation({
    summary: 'My inbox: tasks of my tier in my jurisdiction, soonest due first, with counts per view',
  })
  @ApiErrors([422, 'unitId names no unit within your jurisdiction'])
  @ApiOkResponse({ type: InboxDto })
  async inbox(@Query() query: InboxQueryDto, @CurrentUser() user: UserAccount) {
    const queue = this.authorizer.inboxOf(user);
    if (!queue) throw new ForbiddenException('only approvers have an inbox of tasks');
    const now = new Date();
    const inbox = await this.queries.execute(
      new GetInboxQuery({
        groups: [candidateGroup(queue.tier, queue.unitId)],
        approver: user.username,
        view: query.view ?? 'group',
        now: now.toISOString(),
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 50,
        filter: this.inboxFilter(query, queue.unitId),
      }),
    );
    return {
      ...inbox,
      tier: queue.tier,
      jurisdictionId: queue.unitId,
      items: inbox.items.map((task) => this.withDue(task, now)),
    };
  }

  @Get('delegates')
  @ApiOperation({ summary: 'Who I can hand a task to: the other active approvers of my group' })
  @ApiOkResponse({ type: DelegatesDto })
  async delegates(@CurrentUser() user: UserAccount): Promise<DelegatesDto> {
    const queue = this.authorizer.inboxOf(user);
    if (!queue) throw new ForbiddenException('only approvers have a group to hand tasks to');
    const group = candidateGroup(queue.tier, queue.unitId);
    const groups = await this.queries.execute(
      new ListGroupsQuery(queue.unitId, { within: queue.unitId, tier: queue.tier }),
    );
    const usernames = groups.find((view) => view.group === group)?.approvers ?? [];
    const approvers = [];
    for (const username of usernames) {
      if (username === user.username) continue;
      const account = await this.users.find(username);
      if (account) approvers.push({ username, displayName: account.displayName });
    }
    return { group, approvers };
  }

  @Get(':officeId/:revision')
  @ApiOperation({ summary: 'One task, with when its reminders and escalations go out' })
  @ApiErrors(404)
  @ApiOkResponse({ type: TaskDetailDto })
  async one(
    @Param('officeId') officeId: string,
    @Param('revision') revision: string,
    @CurrentUser() user: UserAccount,
  ) {
    const task = await this.visibleTask(`${officeId}/${revision}`, user);
    const now = new Date();
    const reminders = this.reminders(task, now);
    return { ...this.withDue(task, now), ...(reminders ? { reminders } : {}) };
  }

  @Post(':officeId/:revision/claim')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors([404, 'No such task within your jurisdiction'])
  @ApiOkResponse({ type: TaskCommandReplyDto })
  @ApiOperation({ summary: 'Take the task: it leaves the group pool and shows under "mine"' })
  claim(
    @Param('officeId') officeId: string,
    @Param('revision') revision: string,
    @CurrentUser() user: UserAccount,
    @Meta() meta: RequestMeta,
  ) {
    return this.act(`${officeId}/${revision}`, user, meta, (task) => ({
      type: 'ClaimTask',
      data: { tier: task.tier as Tier, approver: user.username },
    }));
  }

  @Post(':officeId/:revision/release')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors([404, 'No such task within your jurisdiction'])
  @ApiOkResponse({ type: TaskCommandReplyDto })
  @ApiOperation({ summary: 'Give the task back to the group' })
  release(
    @Param('officeId') officeId: string,
    @Param('revision') revision: string,
    @CurrentUser() user: UserAccount,
    @Meta() meta: RequestMeta,
  ) {
    return this.act(`${officeId}/${revision}`, user, meta, (task) => ({
      type: 'ReleaseTask',
      data: { tier: task.tier as Tier, approver: user.username },
    }));
  }

  @Post(':officeId/:revision/delegate')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(
    [404, 'No such task within your jurisdiction'],
    [422, 'to names no approver who can take the task'],
  )
  @ApiOkResponse({ type: TaskCommandReplyDto })
  @ApiOperation({ summary: 'Hand the task to another approver of the same group (recorded in the history)' })
  async delegate(
    @Param('officeId') officeId: string,
    @Param('revision') revision: string,
    @Body() body: DelegateDto,
    @CurrentUser() user: UserAccount,
    @Meta() meta: RequestMeta,
  ) {
    const delegate = await this.users.find(body.to);
    return this.act(
      `${officeId}/${revision}`,
      user,
      meta,
      (task) => {
        const question = {
          sponsorUnitId: task.sponsor_unit_id,
          tier: task.tier as Tier,
          officeId: task.office_id,
        };
        this.authorizer.enforce(user, 'task.delegate', question);
        // One answer whether the account does not exist, is disabled or acts elsewhere: a delegation must not tell
        // the caller who exists beyond their own group.
        if (
          !delegate ||
          !this.authorizer.decide(user, 'task.delegate', { ...question, delegateTo: delegate }).allowed
        ) {
          throw new UnprocessableEntityException({
            message: `to must name an approver who can take this task (the same tier and jurisdiction)`,
            details: [
              {
                field: 'to',
                rule: 'eligible-delegate',
                message: 'to must name an approver who can take this task',
              },
            ],
          });
        }
        return {
          type: 'DelegateTask',
          data: { tier: task.tier as Tier, from: user.username, to: delegate.username },
        };
      },
      `delegated to ${body.to}`,
    );
  }

  @Post(':officeId/:revision/decision')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors([404, 'No such task within your jurisdiction'])
  @ApiOkResponse({ type: TaskCommandReplyDto })
  @ApiOperation({
    summary:
      'Decide: a retention task with `decision` approve (forward to the next tier, or final), reject or return; ' +
      'a ruling task with `ruling` and `reasoning`',
  })
  decide(
    @Param('officeId') officeId: string,
    @Param('revision') revision: string,
    @Body() body: TaskDecisionDto,
    @CurrentUser() user: UserAccount,
    @Meta() meta: RequestMeta,
  ) {
    return this.act(
      `${officeId}/${revision}`,
      user,
      meta,
      (task) => taskDecision(task, body, user.username),
      body.ruling !== undefined ? body.reasoning : body.comment,
    );
  }

  private async visibleTask(taskId: string, user: UserAccount): Promise<TaskRow> {
    const task = TASK_ID.test(taskId) ? await this.queries.execute(new FindTaskQuery(taskId)) : undefined;
    if (!task) throw new NotFoundException(`there is no task ${taskId}`);
    const decision = this.authorizer.decide(user, 'office.read', { sponsorUnitId: task.sponsor_unit_id });
    if (!decision.allowed) throw new NotFoundException(`there is no task ${taskId}`);
    return task;
  }

  private async act(
    taskId: string,
    user: UserAccount,
    meta: RequestMeta,
    command: (task: TaskRow) => OfficeCommand,
    comment?: string,
  ) {
    const task = await this.visibleTask(taskId, user);
    // A retry with the Idempotency-Key of an action already applied goes on to the command path, which answers it as
    // its first run did: a client whose reply was lost learns that its own decision won, not that the task closed.
    if (task.status !== 'open' && meta.idempotencyKey === undefined) {
      throw new ConflictException({
        message: `the task is ${task.status} (${task.outcome})`,
        task: taskView(task),
      });
    }
    const action = command(task);
    const tier = task.tier as Tier;
    try {
      const result = await this.commands.execute(
        new ExecuteCommand('office', task.office_id, action, {
          actor: user.username,
          role: user.role,
          tier,
          ...(comment !== undefined ? { comment } : {}),
          now: new Date().toISOString(),
          correlationId: meta.correlationId,
          ...(meta.idempotencyKey !== undefined ? { idempotencyKey: meta.idempotencyKey } : {}),
          // The task as read: if anyone acted on the office since, this one is refused, never applied twice.
          expectedVersion: meta.expectedVersion ?? task.office_version,
          authorize: () =>
            this.authorizer.enforce(user, POLICY_ACTION[action.type] ?? 'task.claim', {
              sponsorUnitId: task.sponsor_unit_id,
              tier,
              officeId: task.office_id,
            }),
        }),
      );
      const current = await this.queries.execute(new FindTaskQuery(taskId));
      return { ...officeCommandReply(task.office_id, result), task: current && taskView(current) };
    } catch (error) {
      if (error instanceof VersionConflict || (error instanceof DomainError && error.kind === 'state')) {
        const current = await this.queries.execute(new CurrentTaskQuery(taskId, task.office_id));
        throw new ConflictException({
          message: `the task changed before this action: ${error.message}`,
          currentVersion: error instanceof VersionConflict ? error.currentVersion : undefined,
          task: current && taskView(current),
        });
      }
      throw error;
    }
  }
}
