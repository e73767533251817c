import type { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { AccountQuestion, Authorizer, UserAccount } from '@liaison/auth';
import type { AccountCommand, AccountState } from '@liaison/domain';
import { ExecuteCommand, type ExecuteResult } from '@liaison/application';
import { formatPosition } from '@liaison/event-store';
import type { RequestMeta } from '../common/request-meta';

/** What a command on an account answers: the account after it, and what it appended. */
export function userCommandReply(result: ExecuteResult<'account'>) {
  const { state } = result;
  return {
    ...(state.status === 'unregistered'
      ? {}
      : {
          ...state.account,
          status: state.status,
          passwordChangeRequired: state.passwordMustChange,
        }),
    version: result.version,
    events: result.events.map(({ id, type, revision }) => ({ id, type, revision })),
    ...(result.position ? { position: formatPosition(result.position) } : {}),
    replayed: result.replayed,
    ...(result.readModelsLagging ? { readModelsLagging: true } : {}),
  };
}

export type UserCommandReply = ReturnType<typeof userCommandReply>;

/** The request's intent, the reason on record, and the role and unit the command gives (the policy's `grant`). */
export type DispatchMeta = RequestMeta & {
  reason: string;
  grant?: AccountQuestion['grant'];
};

/**
 * Sends an administrator's command on an account through the command bus. The policy is asked again on the account
 * as the handler reads it (`subject`), with the role and unit the command gives (`grant`); the reason goes on record
 * as the events' comment too, where the audit views show comments.
 */
export async function dispatchUserCommand(
  commands: CommandBus,
  authorizer: Authorizer,
  user: UserAccount,
  command: AccountCommand,
  meta: DispatchMeta,
  reply: FastifyReply,
): Promise<UserCommandReply> {
  const { username } = command.data;
  const authorize = (state: AccountState) => {
    // No account yet: a create was authorized on its grant; any other command finds nothing (404).
    if (state.status === 'unregistered') return;
    authorizer.enforce(user, 'user.manage', {
      subject: state.account,
      ...(meta.grant ? { grant: meta.grant } : {}),
    });
  };
  const result = await commands.execute(
    new ExecuteCommand('account', username, command, {
      actor: user.username,
      role: user.role,
      comment: meta.reason,
      now: new Date().toISOString(),
      ...(command.type === 'CreateUser' ? {} : { authorize }),
      ...(meta.correlationId !== undefined ? { correlationId: meta.correlationId } : {}),
      ...(meta.idempotencyKey !== undefined ? { idempotencyKey: meta.idempotencyKey } : {}),
      ...(meta.expectedVersion !== undefined ? { expectedVersion: meta.expectedVersion } : {}),
    }),
  );
  void reply.header('etag', `"${result.version}"`);
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  if (result.readModelsLagging) void reply.header('read-models', 'lagging');
  return userCommandReply(result);
}
