import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommand, ApiErrors, ApiSignedIn, Authorizer, CurrentUser, type UserAccount } from '@liaison/auth';
import type { UnitDirectoryCommand } from '@liaison/domain';
import { ExecuteCommand, GetUnitQuery, ListUnitsQuery } from '@liaison/application';
import { RequestValidationError } from '../common/errors';
import { Meta, type RequestMeta } from '../common/request-meta';
import {
  AddUnitDto,
  ListUnitsQueryDto,
  RenameUnitDto,
  RetireUnitDto,
  UNIT_ID_PATTERN,
  UNIT_ID_RULE,
} from './units.dto';
import { UnitChangedDto, UnitDto } from './unit.responses';

/**
 * The jurisdiction tree and its administration (admins; a municipal administrator within the city): every change
 * is a command to the unit directory's stream, with who made it and why.
 */
@ApiTags('units')
@ApiBearerAuth()
@ApiSignedIn()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The units of the province as they stand (live ones unless status says otherwise)',
  })
  @ApiOkResponse({ type: [UnitDto] })
  list(@Query() query: ListUnitsQueryDto) {
    return this.queries.execute(new ListUnitsQuery(query));
  }

  @Get(':unitId')
  @ApiOperation({ summary: 'One unit' })
  @ApiErrors(404)
  @ApiOkResponse({ type: UnitDto })
  async get(@Param('unitId') unitId: string) {
    const unit = await this.queries.execute(new GetUnitQuery(checkUnitId(unitId)));
    if (!unit) throw new NotFoundException(`unit ${unitId} is not in the jurisdiction tree`);
    return unit;
  }

  @Post()
  @ApiOperation({ summary: 'Add a department under a government, or a management committee under a city' })
  @ApiCommand({ ifMatch: false })
  @ApiCreatedResponse({ type: UnitChangedDto })
  add(@Body() body: AddUnitDto, @CurrentUser() user: UserAccount, @Meta() meta: RequestMeta) {
    this.authorizer.enforce(user, 'unit.manage', { sponsorUnitId: body.parentId, unitChange: 'add' });
    const { parentId, key, name, kind, reason } = body;
    return this.change(
      `${parentId}.${key}`,
      { type: 'AddUnit', data: { parentId, key, name, kind, reason } },
      user,
      meta,
    );
  }

  @Patch(':unitId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rename a unit (its id stays)' })
  @ApiCommand({ ifMatch: false })
  @ApiErrors(404)
  @ApiOkResponse({ type: UnitChangedDto })
  rename(
    @Param('unitId') unitId: string,
    @Body() body: RenameUnitDto,
    @CurrentUser() user: UserAccount,
    @Meta() meta: RequestMeta,
  ) {
    this.authorizer.enforce(user, 'unit.manage', {
      sponsorUnitId: checkUnitId(unitId),
      unitChange: 'change',
    });
    return this.change(
      unitId,
      { type: 'RenameUnit', data: { unitId, name: body.name, reason: body.reason } },
      user,
      meta,
    );
  }

  @Post(':unitId/retirement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a unit: it keeps its offices and history but sponsors no new office' })
  @ApiCommand({ ifMatch: false })
  @ApiErrors(404)
  @ApiOkResponse({ type: UnitChangedDto })
  retire(
    @Param('unitId') unitId: string,
    @Body() body: RetireUnitDto,
    @CurrentUser() user: UserAccount,
    @Meta() meta: RequestMeta,
  ) {
    this.authorizer.enforce(user, 'unit.manage', {
      sponsorUnitId: checkUnitId(unitId),
      unitChange: 'change',
    });
    return this.change(unitId, { type: 'RetireUnit', data: { unitId, reason: body.reason } }, user, meta);
  }

  private async change(unitId: string, command: UnitDirectoryCommand, user: UserAccount, meta: RequestMeta) {
    const result = await this.commands.execute(
      new ExecuteCommand('unit-directory', '', command, {
        actor: user.username,
        role: user.role,
        now: new Date().toISOString(),
        ...(meta.correlationId !== undefined ? { correlationId: meta.correlationId } : {}),
        ...(meta.idempotencyKey !== undefined ? { idempotencyKey: meta.idempotencyKey } : {}),
      }),
    );
    return {
      unit: await this.queries.execute(new GetUnitQuery(unitId)),
      events: result.events.map(({ id, type, revision }) => ({ id, type, revision })),
      replayed: result.replayed,
    };
  }
}

function checkUnitId(unitId: string): string {
  if (!UNIT_ID_PATTERN.test(unitId)) {
    throw new RequestValidationError([
      { field: 'unitId', rule: 'format', message: `unitId must be ${UNIT_ID_RULE}` },
    ]);
  }
  return unitId;
}
