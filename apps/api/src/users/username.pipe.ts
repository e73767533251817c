import type { PipeTransform } from '@nestjs/common';
import { USERNAME_PATTERN } from '@liaison/domain';
import { RequestValidationError } from '../common/errors';

/** A username in the path: refused (400) unless it could name an account, before anything is read. */
export const USERNAME: PipeTransform<unknown, string> = {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !USERNAME_PATTERN.test(value)) {
      throw new RequestValidationError([
        {
          field: 'username',
          rule: 'matches',
          message: 'username must be 2 to 64 characters of a-z, 0-9, dot, underscore or hyphen',
        },
      ]);
    }
    return value;
  },
};
