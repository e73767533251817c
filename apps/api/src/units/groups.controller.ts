import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { ApiSignedIn, Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import { TIERS, type Tier } from '@liaison/domain';
import { ListGroupsQuery } from '@liaison/projections';
import { UNIT_ID_PATTERN, UNIT_ID_RULE } from './units.dto';
import { CandidateGroupDto } from './unit.responses';

export class ListGroupsQueryDto {
  @ApiPropertyOptional({
    description: 'Only the groups nobody can act in (true) or those someone can (false)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  flagged?: boolean;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsIn(TIERS)
  tier?: Tier;

  @ApiPropertyOptional({
    description: 'Only the groups of this government and below it',
    example: 'henan.nanyang',
  })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: `within must be ${UNIT_ID_RULE}` })
  within?: string;
}

/** Candidate groups: which approvers act for which tier and jurisdiction, and the groups nobody can act in. */
@ApiTags('units')
@ApiBearerAuth()
@ApiSignedIn()
@Controller('groups')
export class GroupsController {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Every candidate group with its active approvers; flagged: true where nobody can act (supervisors, admins)',
  })
  @ApiOkResponse({ type: [CandidateGroupDto] })
  list(@Query() query: ListGroupsQueryDto, @CurrentUser() user: UserAccount) {
    this.authorizer.enforce(user, 'group.read');
    const scope = this.authorizer.listScope(user);
    const within = scope.kind === 'all' ? undefined : scope.kind === 'within' ? scope.unitId : null;
    return this.queries.execute(new ListGroupsQuery(within, query));
  }
}
