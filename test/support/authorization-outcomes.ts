import type { Row, Target } from './authorization-table';

// Outcomes shared by many rows of the authorization table: ten groups of three letters, one per role.
/** Anyone, signed in or not. */
export const PUBLIC = 'AAA  AAA  AAA  AAA  AAA  AAA  AAA  AAA  AAA  AAA';
/** Anyone signed in. */
export const SIGNED_IN = 'DDD  AAA  AAA  AAA  AAA  AAA  AAA  AAA  AAA  AAA';
/** Whoever may see the target's offices: the sponsor's line up to the province. */
export const OFFICE_READERS = 'DDD  ADD  DAD  ADD  AAD  AAA  AAD  AAA  AAA  AAD';
/** Supervisors and administrators, within their jurisdiction. */
export const AUDITORS = 'DDD  DDD  DDD  DDD  DDD  DDD  AAD  AAA  AAA  AAD';
/** Supervisors and administrators, whatever the target (lists narrowed to their jurisdiction). */
export const SUPERVISORS = 'DDD  DDD  DDD  DDD  DDD  DDD  AAA  AAA  AAA  AAA';
/** Administrators, within their jurisdiction. */
export const ADMINS = 'DDD  DDD  DDD  DDD  DDD  DDD  DDD  DDD  AAA  AAD';

/** Who acts on a city's report: its own supervisors and administrators, and administrators of the whole province. */
export const REPORT_ACTORS = 'DDD  DDD  DDD  DDD  DDD  DDD  AAD  DDD  AAA  AAD';

export const get = (path: (target: Target) => string, expected: string): Row => ({
  request: (target) => ({ method: 'GET', path: path(target) }),
  expected,
});
