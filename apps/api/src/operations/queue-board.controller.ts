import { Controller, ForbiddenException, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiErrors,
  CurrentUser,
  sessionToken,
  TOKEN_LIFETIME_SECONDS,
  type UserAccount,
} from '@liaison/auth';
import { QUEUE_BOARD_COOKIE, QUEUE_BOARD_PATH } from './queue-board';

@ApiTags('operations')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('auth')
export class QueueBoardSessionController {
  /**
   * A browser cannot send a bearer token when it opens a page, so an admin calls this (from /docs, say) and the
   * browser keeps the token in a cookie that only the queue board's path receives. The console, signed in with the
   * session cookie, calls it the same way before it opens the board.
   */
  @Post('queue-board-session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Admins: let this browser open the queue board at /admin/queues' })
  session(
    @CurrentUser() user: UserAccount,
    @Headers('authorization') authorization: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): void {
    if (user.role !== 'admin') throw new ForbiddenException('the queue board is for admins');
    // The console signs in with the session cookie, whose token is the same bearer token the board checks.
    const token = authorization?.startsWith('Bearer ')
      ? authorization.slice('Bearer '.length)
      : (sessionToken(request) ?? '');
    const secure = request.protocol === 'https' ? '; Secure' : '';
    void reply.header(
      'set-cookie',
      `${QUEUE_BOARD_COOKIE}=${encodeURIComponent(token)}; Path=${QUEUE_BOARD_PATH}; HttpOnly; SameSite=Strict; ` +
        `Max-Age=${TOKEN_LIFETIME_SECONDS}${secure}`,
    );
  }
}
