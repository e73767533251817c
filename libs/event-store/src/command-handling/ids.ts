import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { canonicalJson } from '../hash-chain';

// Fixed for good: stored events carry ids derived from it, and retries must map to the same ids.
const NAMESPACE = '6f1c1d3e-2a8b-4c5d-9e0f-112233445566';

/** RFC 4122 version-5 UUID: the same name always gives the same id (retries map to the same events). */
export function deterministicUuid(name: string): string {
  // Hashed as Node's UTF-8 bytes, as the ids already stored were (`uuid` would throw on a lone surrogate).
  return uuidv5(Buffer.from(name, 'utf8'), NAMESPACE);
}

/** A stable fingerprint of a command's content, so a reused Idempotency-Key with another body is caught. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32);
}
