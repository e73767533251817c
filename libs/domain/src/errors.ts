/**
 * Typed refusals. Every refusal names what was wrong and, where the plan decides it, the rule (section id) so a
 * user can check the decision against the text.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'policy' | 'state' | 'input' | 'not-found';
  constructor(
    message: string,
    readonly ruleId?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The plan forbids it (a rule of the plan is cited). */
export class PolicyViolation extends DomainError {
  readonly kind = 'policy' as const;
  constructor(ruleId: string, message: string, field?: string) {
    super(message, ruleId, field);
  }
}

/** The office is not in a state where this can happen (e.g. deciding a request that is not pending). */
export class InvalidTransition extends DomainError {
  readonly kind = 'state' as const;
  constructor(
    message: string,
    readonly status: string,
    ruleId?: string,
  ) {
    super(message, ruleId);
  }
}

/** The command itself is malformed in a way only the domain can see (unknown unit, duplicate asset id…). */
export class InvalidCommand extends DomainError {
  readonly kind = 'input' as const;
  constructor(field: string, message: string, ruleId?: string) {
    super(message, ruleId, field);
  }
}

export class OfficeNotFound extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(readonly officeId: string) {
    super(`office ${officeId} is not registered`);
  }
}
