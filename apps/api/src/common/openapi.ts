import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * Says of each operation that needs no sign-in (health, login) that it needs none: an empty `security`, where the
 * generator leaves it out, which linters and client generators read as "unspecified".
 */
export function markPublicOperations(document: OpenAPIObject): OpenAPIObject {
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods)) {
      if (typeof operation === 'object' && operation !== null && 'responses' in operation) {
        operation.security ??= [];
      }
    }
  }
  return document;
}
