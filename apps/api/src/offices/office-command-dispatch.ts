import type { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { Action, Authorizer, UserAccount } from '@liaison/auth';
import { NotFoundException } from '@nestjs/common';
import { OfficeNotFound, type OfficeCommand, type OfficeStream, type Tier } from '@liaison/domain';
import { ExecuteCommand } from '@liaison/application';
import type { RequestMeta } from '../common/request-meta';
import { officeCommandReply, type OfficeCommandReply } from './command-reply';

/** What each command asks of the policy. */
const ACTION_OF: Record<OfficeCommand['type'], Action> = {
  RegisterOffice: 'office.register',
  RuleOnOffice: 'office.rule',
  RequestRetention: 'office.act',
  ResubmitRetention: 'office.act',
  DecideRetention: 'task.decide',
  ClaimTask: 'task.claim',
  ReleaseTask: 'task.claim',
  DelegateTask: 'task.claim',
  AbolishOffice: 'office.act',
  RegisterAsset: 'office.act',
  RegisterStaffMember: 'office.act',
  RecordAssetDisposal: 'office.act',
  RecordStaffPlacement: 'office.act',
  CloseOffice: 'office.act',
  // Operator commands (the CLI's apply-sla and migrate), not offered over HTTP.
  ApplyTaskSla: 'campaign.manage',
  RecordTaskDeadlines: 'campaign.manage',
};

/** One command on an office as a route sends it; tier and comment go into the recorded events. */
export type OfficeCommandArgs = [
  officeId: string,
  command: OfficeCommand,
  meta: RequestMeta,
  reply: FastifyReply,
  user: UserAccount,
  tier?: Tier,
  comment?: string,
];

/**
 * Sends one command on an office through the command bus, authorising it against the office's state as read by
 * the handler, and sets the reply's ETag and replay headers.
 */
export async function dispatchOfficeCommand(
  commands: CommandBus,
  authorizer: Authorizer,
  ...[officeId, command, meta, reply, user, tier, comment]: OfficeCommandArgs
): Promise<OfficeCommandReply> {
  const action = ACTION_OF[command.type];
  const authorize = ({ office: state }: OfficeStream) => {
    if (state.status === 'unregistered') return;
    if (command.type === 'RegisterOffice') {
      // An id already taken by an office the caller may not act on reads as an office that is not there: the
      // refusal must not name the other unit (the decider refuses a second registration of one's own office).
      const decision = authorizer.decide(user, 'office.act', { sponsorUnitId: state.office.sponsorUnitId });
      if (!decision.allowed) throw new NotFoundException(new OfficeNotFound(officeId).message);
      return;
    }
    const waitingAt = state.status === 'retention-requested' ? state.tier : undefined;
    authorizer.enforce(user, action, {
      sponsorUnitId: state.office.sponsorUnitId,
      officeId,
      // A decision is judged at the tier it claims to be taken at; other task work at the tier it waits at.
      ...((tier ?? waitingAt) !== undefined ? { tier: tier ?? waitingAt } : {}),
    });
  };
  const result = await commands.execute(
    new ExecuteCommand('office', officeId, command, {
      actor: user.username,
      role: user.role,
      authorize,
      now: new Date().toISOString(),
      ...(tier !== undefined ? { tier } : {}),
      ...(comment !== undefined ? { comment } : {}),
      correlationId: meta.correlationId,
      ...(meta.idempotencyKey !== undefined ? { idempotencyKey: meta.idempotencyKey } : {}),
      ...(meta.expectedVersion !== undefined ? { expectedVersion: meta.expectedVersion } : {}),
    }),
  );
  void reply.header('etag', `"${result.version}"`);
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  if (result.readModelsLagging) void reply.header('read-models', 'lagging');
  return officeCommandReply(officeId, result);
}
