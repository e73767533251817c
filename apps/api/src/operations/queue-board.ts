import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { reason } from '../common/errors';
import { Authorizer, AuthService } from '@liaison/auth';
import { withoutExternalAssets } from './offline-html';
import { QUEUES, type Queues } from './queues';

export const QUEUE_BOARD_PATH = '/admin/queues';
export const QUEUE_BOARD_COOKIE = 'queue_board';

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Bull Board at /admin/queues, for administrators of the whole province only (it acts on every city's jobs). Outside Nest's router, so it has its own check on every request
 * under the path (pages, assets and its API alike): a bearer token, or the cookie POST /auth/queue-board-session
 * sets for a browser.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const queues = app.get<symbol, Queues>(QUEUES);
  const auth = app.get(AuthService);
  const authorizer = app.get(Authorizer);
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const header = request.headers.authorization;
        const token = header?.startsWith('Bearer ') ? header.slice(7) : cookie(request, QUEUE_BOARD_COOKIE);
        const signedIn = token ? await auth.authenticate(token).catch(() => undefined) : undefined;
        const user = signedIn?.passwordMustChange ? undefined : signedIn?.user;
        if (!user) {
          return reply.code(401).send({
            statusCode: 401,
            error: reason(401),
            message:
              'sign in as an admin: POST /auth/queue-board-session with your token, then open /admin/queues',
          });
        }
        const decision = authorizer.decide(user, 'queues.operate');
        if (!decision.allowed) {
          return reply.code(403).send({ statusCode: 403, error: reason(403), message: decision.reason });
        }
        return undefined;
      });
      // The board's page links web fonts on the internet; it is served without them (offline-html.ts).
      scope.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
        const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
        return html && typeof payload === 'string' ? withoutExternalAssets(payload) : payload;
      });
      await scope.register(board.registerPlugin() as never);
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
