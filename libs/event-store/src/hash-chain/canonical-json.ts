import canonicalize from 'canonicalize';

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): object keys sorted by UTF-16 code units, no whitespace, numbers and
 * strings as ECMAScript's JSON.stringify writes them. Any JCS implementation in any language gives the same text,
 * which is what lets an auditor recompute the hashes with their own tools.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    // NaN, Infinity, a BigInt: not JSON, and JSON.stringify would have stored something else than was hashed.
    throw new TypeError(`not canonical JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (text === undefined) throw new TypeError(`not canonical JSON: ${typeof value}`);
  return text;
}
