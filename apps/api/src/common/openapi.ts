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
        // Whatever a bearer token may call, the web console's session cookie may too.
        if (operation.security.some((scheme: Record<string, string[]>) => 'bearer' in scheme))
          operation.security.push({ session: [] });
      }
    }
  }
  return document;
}
