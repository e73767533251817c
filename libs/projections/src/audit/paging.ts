/** A page of a position-ordered list: the entries after a log position (`commit/prepare`), at most `limit`. */
export interface PositionPage {
  after?: string;
  limit?: number;
}

export const DEFAULT_PAGE_SIZE = 100;

export interface PositionPageResult<T> {
  items: T[];
  total: number;
  /** The last item's position when more follow, else null. */
  nextCursor: string | null;
}

/** Compares two `commit/prepare` positions as numbers (text order would put 10 before 9). */
export function comparePositionText(a: string, b: string): number {
  const [ac, ap] = a.split('/').map(BigInt) as [bigint, bigint];
  const [bc, bp] = b.split('/').map(BigInt) as [bigint, bigint];
  return ac < bc ? -1 : ac > bc ? 1 : ap < bp ? -1 : ap > bp ? 1 : 0;
}

/** The page of `entries` (in position order) that follows `page.after`. */
export function pageByPosition<T extends { position: string }>(
  entries: readonly T[],
  page: PositionPage,
): PositionPageResult<T> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const after = page.after;
  const start = after ? entries.findIndex((e) => comparePositionText(e.position, after) > 0) : 0;
  const items = start < 0 ? [] : entries.slice(start, start + limit);
  const more = start >= 0 && start + limit < entries.length;
  return { items, total: entries.length, nextCursor: more ? items[items.length - 1]!.position : null };
}
