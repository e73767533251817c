/**
 * Records keyed by ids the client chooses (assets, staff). They have no prototype, so `toString`, `constructor`
 * or `__proto__` are ids like any other rather than entries every object already has; they serialise as plain
 * JSON objects, so views and timeline diffs keep their shape.
 */
export type Keyed<T> = Readonly<Record<string, T>>;

/** A record of these entries, with no prototype. */
export function keyed<T>(entries: Iterable<readonly [string, T]>): Keyed<T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}

/** The record with this entry added or replaced; the record itself is left as it was. */
export function withEntry<T>(record: Keyed<T>, key: string, value: T): Keyed<T> {
  return keyed([...Object.entries(record), [key, value]]);
}

/** The entry under this key, if the record itself holds one (never an inherited member). */
export function entryOf<T>(record: Keyed<T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
