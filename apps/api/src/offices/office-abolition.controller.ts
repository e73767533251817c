import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ApiCommand,
  ApiErrors,
  ApiSignedIn,
  Authorizer,
  COMMAND_RESPONSE_HEADERS,
  CurrentUser,
  type UserAccount,
} from '@liaison/auth';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AbolitionDto, AssetDisposalDto, StaffPlacementDto } from './dto';
import type { OfficeCommandReply } from './command-reply';
import { OfficeCommandReplyDto } from './office.responses';
import { dispatchOfficeCommand, type OfficeCommandArgs } from './office-command-dispatch';
import { OFFICE_ID as ID } from './office-id.pipe';

/** Abolition and what follows it: each asset disposed of, each person placed, the office closed (三(一), 八(三)). */
@ApiTags('offices')
@ApiBearerAuth()
@ApiSignedIn()
@Controller('offices')
export class OfficeAbolitionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly authorizer: Authorizer,
  ) {}

  @Post(':officeId/abolition')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  @ApiOperation({ summary: 'Abolish the office (撤销); disposal of assets and placement of staff follow' })
  abolish(
    @Param('officeId', ID) officeId: string,
    @Body() body: AbolitionDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      officeId,
      { type: 'AbolishOffice', data: { ...body } },
      meta,
      reply,
      user,
      undefined,
      body.reason,
    );
  }

  @Post(':officeId/asset-disposals')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  @ApiOperation({
    summary: 'Record the disposal of one asset; a private party only by public auction (八(三))',
  })
  dispose(
    @Param('officeId', ID) officeId: string,
    @Body() body: AssetDisposalDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(officeId, { type: 'RecordAssetDisposal', data: { ...body } }, meta, reply, user);
  }

  @Post(':officeId/staff-placements')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  @ApiOperation({ summary: 'Record where one staff member was placed (妥善安置)' })
  place(
    @Param('officeId', ID) officeId: string,
    @Body() body: StaffPlacementDto,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(officeId, { type: 'RecordStaffPlacement', data: { ...body } }, meta, reply, user);
  }

  @Post(':officeId/closure')
  @HttpCode(200)
  @ApiCommand()
  @ApiErrors(404)
  @ApiOkResponse({ type: OfficeCommandReplyDto, headers: COMMAND_RESPONSE_HEADERS })
  @ApiOperation({
    summary: 'Close an abolished office once every asset is disposed of and every staff member placed',
  })
  @ApiBody({ required: false, schema: { type: 'object' } })
  close(
    @Param('officeId', ID) officeId: string,
    @Meta() meta: RequestMeta,
    @CurrentUser() user: UserAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(officeId, { type: 'CloseOffice', data: {} }, meta, reply, user);
  }

  private run(...args: OfficeCommandArgs): Promise<OfficeCommandReply> {
    return dispatchOfficeCommand(this.commands, this.authorizer, ...args);
  }
}
