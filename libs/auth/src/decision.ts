import type { Role } from './identity';

/**
 * `hide`: answer as if the office (or account) did not exist (404) rather than 403, because the user may not even
 * know of it. `reason` is for the 403 message and for logs; a hidden refusal must not show it to the caller. `rule`
 * names the rule refused by, where it has a name.
 */
export type Decision = { allowed: true } | { allowed: false; reason: string; hide: boolean; rule?: string };

export const ALLOW: Decision = Object.freeze({ allowed: true });

export function deny(reason: string, hide: boolean, rule?: string): Decision {
  return { allowed: false, reason, hide, ...(rule !== undefined ? { rule } : {}) };
}

export function withArticle(role: Role): string {
  return role === 'approver' || role === 'admin' ? `an ${role}` : `a ${role}`;
}
