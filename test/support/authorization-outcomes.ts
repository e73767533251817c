/** What a target unit holds, made before the table runs. */
export interface Target {
  unitId: string;
  /** An office with a retention request waiting at the county tier (三(二)-exception). */
  officeId: string;
  /** Its open task, `officeId/revision`. */
  taskId: string;
  /** A department added under the unit, to rename and retire. */
  departmentId: string;
  /** A clerk account bound to the unit, to administer. */
  username: string;
  /** An office id nobody has registered yet, for the registration row. */
  newOfficeId: string;
  /** A short name for keys that must differ per sender and target. */
  key: string;
}

export interface MatrixRequest {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Outcomes, one letter per target: A allowed (not 401, 403 or 404: a 2xx, or a 400, 409 or 422 about the request
 * itself), D refused (401, 403, or 404 for what the sender may not know exists), N not found (404) although allowed.
 */
export interface Row {
  request: (target: Target, sender: string) => MatrixRequest;
  /** Ten groups of three letters, one per role of ROLES. */
  expected: string;
}

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
