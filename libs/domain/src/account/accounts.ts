import { REASON_MAX_LENGTH } from '../reason';
import type { JurisdictionCatalog, JurisdictionUnit } from '../jurisdiction';
import type { Tier } from '../tiers';

/**
 * Who uses the system (see the domain brief): clerks (liaison officers) of a unit, approvers at the county,
 * municipal and provincial tiers, supervisors (the Bureau, the leading group office, auditors), and admins.
 */
export type Role = 'clerk' | 'approver' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['clerk', 'approver', 'supervisor', 'admin'];

export interface UserAccount {
  username: string;
  displayName: string;
  role: Role;
  /** The jurisdiction unit the user belongs to (a government node or a department). */
  unitId: string;
}

export const USERNAME_PATTERN = /^[a-z0-9._-]{2,64}$/;
/**
 * A new username must also begin with a letter or a digit: names such as `__proto__`, `.` or `-x` are refused,
 * so no client that keys objects by username, or a command line that reads `-x` as an option, can be misled.
 */
export const USERNAME_START = /^[a-z0-9]/;
export const DISPLAY_NAME_MAX_LENGTH = 100;
/** Control characters, and the bidirectional overrides that make text read otherwise than it is stored. */
export const UNPRINTABLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

const GOVERNMENT_TIER: Partial<Record<JurisdictionUnit['kind'], Tier>> = {
  county: 'county',
  city: 'municipal',
  province: 'provincial',
};

/** The tier a government node decides at: a county-level unit → county, a city → municipal, a province → provincial. */
export function governmentTier(unit: JurisdictionUnit): Tier | undefined {
  return GOVERNMENT_TIER[unit.kind];
}

/** The government a unit belongs to: a government node is its own; a department belongs to the government above it. */
export function governmentOf(catalog: JurisdictionCatalog, unitId: string): JurisdictionUnit | undefined {
  return catalog.lineage(unitId).find((unit) => governmentTier(unit) !== undefined);
}

/**
 * Whether a department is its government's offices administration bureau (机关事务管理局): the body that runs the
 * clean-up and whose approvers decide for the government (七, 八). The catalogue has no flag for it, so this follows
 * the catalogue's naming convention: the bureau of government `g` is the department `g.bureau` (henan.bureau,
 * henan.nanyang.bureau).
 */
export function isOfficesBureau(catalog: JurisdictionCatalog, unitId: string): boolean {
  const unit = catalog.find(unitId);
  if (unit?.kind !== 'department' || unit.parentId === undefined) return false;
  const parent = catalog.find(unit.parentId);
  return parent !== undefined && governmentTier(parent) !== undefined && unit.id === `${parent.id}.bureau`;
}

/**
 * The tier an approver bound to `unitId` decides at, or undefined when no approver can be bound there.
 *
 * Approvers are bound either to a government node (henan.nanyang.xichuan → county) or to the offices
 * administration bureau of a government, which decides for that government (henan.nanyang.bureau → municipal for
 * henan.nanyang; henan.bureau → provincial for henan). An ordinary department (a commerce bureau) is a sponsor, not a
 * deciding body: it would otherwise approve its own requests.
 */
export function approverTier(catalog: JurisdictionCatalog, unitId: string): Tier | undefined {
  const unit = catalog.find(unitId);
  if (!unit) return undefined;
  const own = governmentTier(unit);
  if (own) return own;
  if (!isOfficesBureau(catalog, unitId)) return undefined;
  const government = governmentOf(catalog, unitId);
  return government ? governmentTier(government) : undefined;
}

/** A problem with an account's data, naming the field. */
export interface AccountProblem {
  field: 'username' | 'displayName' | 'role' | 'unitId' | 'reason';
  message: string;
}

/** Everything wrong with an account, empty when it may be registered. */
export function validateAccount(catalog: JurisdictionCatalog, account: UserAccount): AccountProblem[] {
  const problems: AccountProblem[] = [];
  if (typeof account.username !== 'string' || !USERNAME_PATTERN.test(account.username)) {
    problems.push({
      field: 'username',
      message: 'username must be 2 to 64 characters of a-z, 0-9, dot, underscore or hyphen',
    });
  } else if (!USERNAME_START.test(account.username)) {
    problems.push({ field: 'username', message: 'username must begin with a letter (a-z) or a digit' });
  }
  const displayName = typeof account.displayName === 'string' ? account.displayName.trim() : '';
  if (displayName.length === 0 || account.displayName.length > DISPLAY_NAME_MAX_LENGTH) {
    problems.push({
      field: 'displayName',
      message: `displayName must be 1 to ${DISPLAY_NAME_MAX_LENGTH} characters`,
    });
  } else if (UNPRINTABLE.test(account.displayName)) {
    problems.push({
      field: 'displayName',
      message: 'displayName must not contain control characters or bidirectional overrides',
    });
  }
  if (!isRole(account.role)) {
    problems.push({ field: 'role', message: `role must be one of ${ROLES.join(', ')}` });
  }
  const unit = typeof account.unitId === 'string' ? catalog.find(account.unitId) : undefined;
  if (!unit) {
    problems.push({ field: 'unitId', message: `unknown jurisdiction unit ${String(account.unitId)}` });
  } else if (account.role === 'approver' && approverTier(catalog, unit.id) === undefined) {
    problems.push({
      field: 'unitId',
      message:
        `an approver must be bound to a government (province, city or county-level unit) or to its offices ` +
        `administration bureau; ${unit.id} decides at no tier`,
    });
  }
  return problems;
}

/** What is wrong with the reason an administrator gives for a change (it goes on record), if anything. */
export function reasonProblem(reason: unknown): AccountProblem | undefined {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length === 0 || (reason as string).length > REASON_MAX_LENGTH) {
    return {
      field: 'reason',
      message: `reason must be 1 to ${REASON_MAX_LENGTH} characters: an administrator's change goes on record with it`,
    };
  }
  if (UNPRINTABLE.test(reason as string)) {
    return {
      field: 'reason',
      message: 'reason must not contain control characters or bidirectional overrides',
    };
  }
  return undefined;
}
