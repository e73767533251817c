import { Controller, ForbiddenException, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiSignedIn, Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import type { OfficeContext } from '@liaison/domain';
import { TaskHoldingsQuery } from '@liaison/projections';
import { OFFICE_CONTEXT } from '@liaison/application';
import { assertKnownUnit } from '../common/errors';
import { TaskHoldingsDto } from './holdings.responses';

export class HoldingsQueryDto {
  @ApiPropertyOptional({ description: 'Only offices sponsored within that unit (and below it)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unitId?: string;
}

/** Across the approvers: who holds which open tasks, and for how long (supervisors and admins, read only). */
@ApiTags('tasks')
@ApiBearerAuth()
@ApiSignedIn()
@Controller('tasks')
export class TaskHoldingsController {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly queries: QueryBus,
    @Inject(OFFICE_CONTEXT) private readonly context: OfficeContext,
  ) {}

  @Get('holdings')
  @ApiOperation({
    summary:
      'Who holds what: open tasks by approver (claimed) and by group (unclaimed), with how long they have waited',
  })
  @ApiOkResponse({ type: TaskHoldingsDto })
  holdings(@Query() query: HoldingsQueryDto, @CurrentUser() user: UserAccount) {
    if (user.role !== 'supervisor' && user.role !== 'admin') {
      throw new ForbiddenException(`who holds which task is a supervisor's view, not a ${user.role}'s`);
    }
    if (query.unitId !== undefined) assertKnownUnit(this.context.jurisdictions, query.unitId);
    const scope = this.authorizer.listScope(user, query.unitId);
    if (scope.kind === 'none') {
      throw new ForbiddenException(`${query.unitId} lies outside ${user.username}'s jurisdiction`);
    }
    return this.queries.execute(new TaskHoldingsQuery(scope, new Date().toISOString()));
  }
}
