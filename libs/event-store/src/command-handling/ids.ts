import { createHash } from 'node:crypto';
import { canonicalJson } from '../hash-chain';

const NAMESPACE = Buffer.from('6f1c1d3e2a8b4c5d9e0f112233445566', 'hex');

/** RFC 4122 version-5 UUID: the same name always gives the same id (retries map to the same events). */
export function deterministicUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A stable fingerprint of a command's content, so a reused Idempotency-Key with another body is caught. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32);
}
