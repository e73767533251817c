import { ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from '../common/errors';

/** Office ids are UUIDs; anything else is a 400 naming the field, before any stream is read. */
export const OFFICE_ID = new ParseUUIDPipe({
  exceptionFactory: () =>
    new RequestValidationError([{ field: 'officeId', rule: 'isUuid', message: 'officeId must be a UUID' }]),
});
