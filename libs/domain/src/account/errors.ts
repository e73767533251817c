import { DomainError } from '../errors';

/** An account that cannot be registered as given (422 through the API's error filter). */
export class InvalidUserAccount extends DomainError {
  readonly kind = 'input' as const;
  constructor(field: string, message: string) {
    super(message, undefined, field);
  }
}

/** The username is taken by an account that differs from the one being registered (409). */
export class UserAlreadyRegistered extends DomainError {
  readonly kind = 'state' as const;
  constructor(
    readonly username: string,
    differences: string[],
  ) {
    super(`user ${username} is already registered with a different ${differences.join(', ')}`);
  }
}

/** An administrator's create never takes over an account that exists (409). */
export class UsernameTaken extends DomainError {
  readonly kind = 'state' as const;
  constructor(readonly username: string) {
    super(
      `user ${username} already exists: choose another username (an existing account is never overwritten)`,
    );
  }
}

/** The account is disabled: only an administrator's enable, role change or reset applies to it (409). */
export class AccountDisabled extends DomainError {
  readonly kind = 'state' as const;
  constructor(readonly username: string) {
    super(`user ${username} is disabled`);
  }
}

export class UserNotFound extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(readonly username: string) {
    super(`user ${username} is not registered`);
  }
}
