import { DomainError } from '../errors';

export class UnitNotFound extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(readonly unitId: string) {
    super(`unit ${unitId} is not in the jurisdiction tree`);
  }
}

/** The tree as it stands refuses the change: the id or the name is taken, the unit is retired, it has live units. */
export class UnitConflict extends DomainError {
  readonly kind = 'state' as const;
  constructor(message: string, field?: string) {
    super(message, undefined, field);
  }
}
