import {
  Controller,
  Get,
  Inject,
  Injectable,
  Req,
  Res,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiSignedIn,
  AuthService,
  Authorizer,
  CurrentUser,
  sessionToken,
  type UserAccount,
} from '@liaison/auth';
import { TASK_CHANGES } from '@liaison/application';
import { candidateGroup, type TaskChange, type TaskChangeFeed } from '@liaison/projections';
import { TaskChangeDto } from './task.responses';

/** Comment lines at this interval keep proxies from closing an idle stream; the session is checked again on each. */
export const HEARTBEAT_MS = 15_000;
/** How long the browser waits before reconnecting a dropped stream. */
const RETRY_MS = 3_000;

/** The open streams, ended before the server closes (it would otherwise wait on them). */
@Injectable()
export class TaskStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<() => void>();

  add(end: () => void): () => void {
    this.open.add(end);
    return () => this.open.delete(end);
  }

  beforeApplicationShutdown(): void {
    for (const end of [...this.open]) end();
  }
}

/**
 * Who is told of a task change: an approver, of the tasks of their own group (arrived, claimed, left); anyone else,
 * of the tasks of offices the policy lets them read. Nobody hears of another unit's tasks.
 */
export function mayHear(authorizer: Authorizer, user: UserAccount, change: TaskChange): boolean {
  const queue = authorizer.inboxOf(user);
  if (queue) return change.candidateGroup === candidateGroup(queue.tier, queue.unitId);
  return authorizer.decide(user, 'office.read', { sponsorUnitId: change.sponsorUnitId }).allowed;
}

const BEARER = /^Bearer[ \t]+(\S+)/i;

@ApiTags('tasks')
@ApiBearerAuth()
@ApiSignedIn()
@ApiExtraModels(TaskChangeDto)
@Controller('tasks')
export class TaskStreamController {
  constructor(
    @Inject(TASK_CHANGES) private readonly changes: TaskChangeFeed,
    private readonly authorizer: Authorizer,
    private readonly auth: AuthService,
    private readonly streams: TaskStreams,
  ) {}

  @Get('stream')
  @ApiOperation({
    summary: 'Server-sent events: the tasks I may see as they arrive, change and leave',
    description:
      'Stays open. Each change is an event `task` whose data is a TaskChangeDto (JSON); a comment line every ' +
      `${HEARTBEAT_MS / 1000} s keeps it open through proxies. The stream ends with an event \`session-ended\` ` +
      'once the session that opened it is no longer valid. An approver hears of the tasks of their own group, ' +
      'anyone else of the offices they may read.',
  })
  @ApiOkResponse({
    description: 'An event stream (text/event-stream); each `task` event carries a TaskChangeDto as JSON',
    content: {
      'text/event-stream': {
        schema: { type: 'string', description: `event: task\ndata: <${getSchemaPath(TaskChangeDto)}>` },
        example: 'retry: 3000\n\nevent: task\ndata: {"change":"arrived","taskId":"…/3",…}\n\n',
      },
    },
  })
  stream(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() user: UserAccount): void {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1] ?? sessionToken(request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store',
      'x-content-type-options': 'nosniff',
      // nginx would otherwise buffer the events.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    raw.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    const send = (change: TaskChange) => {
      if (!mayHear(this.authorizer, user, change)) return;
      const { sponsorUnitId: _sponsor, jurisdictionId: _jurisdiction, ...event } = change;
      raw.write(`event: task\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const unsubscribe = this.changes.subscribe(send);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      forget();
      raw.end();
    };
    const heartbeat = setInterval(() => {
      raw.write(': heartbeat\n\n');
      // A signed-out, disabled or expired session stops hearing at once: the console then asks the user to sign in.
      if (token) {
        this.auth.authenticate(token).catch(() => {
          if (!ended) raw.write('event: session-ended\ndata: {}\n\n');
          end();
        });
      }
    }, HEARTBEAT_MS);
    const forget = this.streams.add(end);
    request.raw.on('close', end);
  }
}
