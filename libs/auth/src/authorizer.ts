import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { OfficeNotFound, UserNotFound, type OfficeContext } from '@liaison/domain';
import { OFFICE_CONTEXT } from '@liaison/application';
import type { UserAccount } from './identity';
import {
  authorize,
  inboxOf,
  listScope,
  noticeAudiences,
  type Action,
  type Decision,
  type ListScope,
  type PolicyContext,
} from './policy';

export type AuthorizationQuestion = Omit<PolicyContext, 'jurisdictions'> & {
  /** The office asked about: a hidden refusal then reads exactly like a request for an office that does not exist. */
  officeId?: string;
};

/**
 * Turns a refusal into the HTTP answer: 404 where the existence of the office (or account) must not leak (the same
 * message as for one that is not registered), else 403 with the reason and the rule, where it has a name.
 */
export function assertAllowed(decision: Decision, officeId?: string, username?: string): void {
  if (decision.allowed) return;
  if (decision.hide) {
    throw new NotFoundException(
      officeId !== undefined
        ? new OfficeNotFound(officeId).message
        : username !== undefined
          ? new UserNotFound(username).message
          : 'not found',
    );
  }
  throw new ForbiddenException(
    decision.rule === undefined ? decision.reason : { message: decision.reason, rule: decision.rule },
  );
}

/** `authorize` with the service's jurisdiction catalogue filled in, for controllers and handlers. */
@Injectable()
export class Authorizer {
  constructor(@Inject(OFFICE_CONTEXT) private readonly context: OfficeContext) {}

  decide(user: UserAccount, action: Action, question: AuthorizationQuestion = {}): Decision {
    const { officeId: _officeId, ...rest } = question;
    return authorize(user, action, { ...rest, jurisdictions: this.context.jurisdictions });
  }

  /** Throws ForbiddenException or NotFoundException unless the user may do this. */
  enforce(user: UserAccount, action: Action, question: AuthorizationQuestion = {}): void {
    assertAllowed(this.decide(user, action, question), question.officeId, question.subject?.username);
  }

  listScope(user: UserAccount, requestedUnitId?: string): ListScope {
    return listScope(user, this.context.jurisdictions, requestedUnitId);
  }

  noticeAudiences(user: UserAccount): string[] {
    return noticeAudiences(user, this.context.jurisdictions);
  }

  inboxOf(user: UserAccount) {
    return inboxOf(user, this.context.jurisdictions);
  }
}
