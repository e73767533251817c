import type { JurisdictionCatalog, Tier } from '@liaison/domain';
import { approverTier, isRole, jurisdictionOf, type UserAccount } from './identity';
import { ALLOW, deny, withArticle, type Decision } from './decision';
import { reportDecision } from './report-policy';
import { unitDecision } from './unit-policy';
import { authorizeAccounts, type AccountQuestion } from './user-policy';

export type { Decision } from './decision';

/**
 * What a user may ask to do.
 *
 * - `office.register`: register an office for a sponsor unit.
 * - `office.read`: see an office, its history and its place in the lists.
 * - `office.act`: the sponsor's own work on its office: retention request and resubmission, abolition, asset
 *   disposals, staff placements, closure, adding assets and staff.
 * - `task.claim`, `task.decide`, `task.delegate`: the approvers' work on a request waiting at a tier.
 * - `office.rule`: rule on an office the plan does not cover (provincial tier).
 * - `audit.read`: replay an office's or a unit's history as a supervisor.
 * - `unit.file`: file a unit's work plan or work summary (七), for the unit named as `sponsorUnitId`.
 * - `campaign.manage`: move a phase deadline of the campaign.
 * - `user.read`, `user.manage`: see, create and change user accounts (see user-policy.ts).
 * - `unit.manage`: add a department or management committee under the unit named as `sponsorUnitId`
 *   (`unitChange: 'add'`), or rename or retire that unit (`unitChange: 'change'`; see unit-policy.ts).
 * - `group.read`: see the candidate groups and whether anyone can act in them.
 * - `queues.operate`: open the queue board, which retries, promotes, removes and pauses the jobs of every city.
 * - `report.read`, `report.act`: read the city named as `sponsorUnitId`'s report; inspect, review, submit it
 *   (see report-policy.ts).
 * - `regulation.read`: see a retained office's duties under 四, 五, 六, its records and its lapses.
 * - `regulation.record`: the sponsor's own records of those duties (functions, decoupling, receptions, disclosures,
 *   rotations, appraisals, inspections and audits, complaints).
 */
export type Action =
  | 'office.register'
  | 'office.read'
  | 'office.act'
  | 'task.claim'
  | 'task.decide'
  | 'task.delegate'
  | 'office.rule'
  | 'audit.read'
  | 'unit.file'
  | 'campaign.manage'
  | 'user.read'
  | 'user.manage'
  | 'unit.manage'
  | 'group.read'
  | 'queues.operate'
  | 'report.read'
  | 'report.act'
  | 'regulation.read'
  | 'regulation.record';

export interface PolicyContext extends AccountQuestion {
  jurisdictions: JurisdictionCatalog;
  /** The office's sponsor unit; for a question about a whole unit (a unit's audit trail), that unit. */
  sponsorUnitId?: string;
  /** The tier the task waits at (task.*). */
  tier?: Tier;
  /** task.delegate: who the task is handed to; they must be able to claim it themselves. */
  delegateTo?: UserAccount;
  /** unit.manage: whether a unit is added under `sponsorUnitId`, or `sponsorUnitId` itself is changed. */
  unitChange?: 'add' | 'change';
}

/** The one place that decides who may do what to which office. Pure: no I/O, no framework. */
export function authorize(user: UserAccount, action: Action, context: PolicyContext): Decision {
  const { jurisdictions } = context;
  if (!isRole(user.role)) return deny(`${user.username} has no known role`, true);

  if (action === 'user.read' || action === 'user.manage') {
    return authorizeAccounts(user, action, jurisdictions, context);
  }
  if (action === 'unit.manage') return unitDecision(user, context);
  if (action === 'report.read' || action === 'report.act') return reportDecision(user, action, context);
  if (action === 'group.read') {
    return user.role === 'admin' || user.role === 'supervisor'
      ? ALLOW
      : deny(`the candidate groups are for supervisors and admins, not ${withArticle(user.role)}`, false);
  }
  // An administrator of the whole tree (undefined root) or of part of it (a municipal administrator: the city).
  const root = jurisdictionOf(jurisdictions, user);
  const everything = user.role === 'admin' && root === undefined;
  if (action === 'campaign.manage') {
    // The campaign's deadlines hold for every unit: not one city's administrator's to move.
    return everything
      ? ALLOW
      : deny('only an administrator of the whole province moves the deadlines of the campaign', false);
  }
  if (action === 'queues.operate') {
    // The queues hold every city's deadline and delivery jobs: pausing or removing them is not one city's to do.
    return everything
      ? ALLOW
      : deny(
          "only an administrator of the whole province operates the queues, which hold every city's jobs",
          false,
        );
  }
  const sponsor = context.sponsorUnitId;
  if (action === 'unit.file') {
    if (everything) return ALLOW;
    if (user.role === 'admin') {
      return sponsor !== undefined && root !== undefined && jurisdictions.isWithin(sponsor, root)
        ? ALLOW
        : deny(`${String(sponsor)} lies outside ${user.username}'s jurisdiction (${String(root)})`, false);
    }
    if (user.role !== 'clerk') {
      return deny(
        `filing a unit's work plan or summary is a clerk's work, not ${withArticle(user.role)}'s`,
        false,
      );
    }
    // The liaison officer files for their own unit only (七): filings are public within the campaign.
    return context.sponsorUnitId === user.unitId
      ? ALLOW
      : deny(`${user.username} is a clerk of ${user.unitId} and files for that unit only`, false);
  }

  if (action === 'office.register') {
    if (sponsor === undefined) return deny('the sponsor unit of the office is not given', false);
    if (everything) return ALLOW;
    if (user.role === 'admin') {
      return root !== undefined && jurisdictions.isWithin(sponsor, root)
        ? ALLOW
        : deny(`${sponsor} lies outside ${user.username}'s jurisdiction (${String(root)})`, false);
    }
    if (user.role !== 'clerk')
      return deny(`registering an office is a clerk's work, not ${withArticle(user.role)}'s`, false);
    // Sponsor units are public reference data (/jurisdictions), so refusing here leaks nothing: 403, not 404.
    if (!jurisdictions.find(sponsor)) return deny(`unknown jurisdiction unit ${sponsor}`, false);
    return jurisdictions.isWithin(sponsor, user.unitId)
      ? ALLOW
      : deny(
          `${user.username} is a clerk of ${user.unitId} and cannot register offices of ${sponsor}`,
          false,
        );
  }

  // Every other action concerns an existing office: whoever may not see it must not learn that it exists.
  if (sponsor === undefined) return deny('the sponsor unit of the office is not given', true);
  if (!everything) {
    if (root === undefined || !jurisdictions.find(root)) {
      return deny(`${user.username} is bound to unknown jurisdiction unit ${user.unitId}`, true);
    }
    if (!jurisdictions.isWithin(sponsor, root)) {
      return deny(`an office of ${sponsor} lies outside ${user.username}'s jurisdiction (${root})`, true);
    }
  }

  switch (action) {
    case 'office.read':
      return ALLOW;
    case 'office.act':
      return user.role === 'clerk' || user.role === 'admin'
        ? ALLOW
        : deny(
            `only a clerk of the sponsor acts on its office; ${user.username} is ${withArticle(user.role)}`,
            false,
          );
    case 'regulation.read':
      // The sponsor's clerks keep the record; supervisors and admins watch it. Approvers decided the retention.
      return user.role === 'approver'
        ? deny(`a retained office's regulation is for clerks, supervisors and admins, not an approver`, false)
        : ALLOW;
    case 'regulation.record':
      return user.role === 'clerk' || user.role === 'admin'
        ? ALLOW
        : deny(
            `only a clerk of the sponsor records its retained office's duties (四, 五, 六); ${user.username} is ${withArticle(user.role)}`,
            false,
          );
    case 'office.rule':
      // A ruling is the province's: a municipal administrator has none to give.
      if (everything) return ALLOW;
      return user.role === 'approver' && approverTier(jurisdictions, user.unitId) === 'provincial'
        ? ALLOW
        : deny('only a provincial-tier approver rules on an office the plan does not cover', false);
    case 'audit.read':
      return user.role === 'supervisor' || user.role === 'admin'
        ? ALLOW
        : deny(`replaying the audit trail is a supervisor's work, not ${withArticle(user.role)}'s`, false);
    case 'task.claim':
    case 'task.decide':
    case 'task.delegate': {
      const decision = taskDecision(user, context);
      if (!decision.allowed || action !== 'task.delegate' || context.delegateTo === undefined)
        return decision;
      const target = authorize(context.delegateTo, 'task.claim', context);
      return target.allowed
        ? ALLOW
        : deny(`${context.delegateTo.username} cannot take over this task: ${target.reason}`, false);
    }
    default: {
      const unknown: never = action;
      return deny(`unknown action ${String(unknown)}`, false);
    }
  }
}

/**
 * Approval tasks belong to exactly one tier (三(一), 逐级上报审批): an approver decides at their own tier only, for
 * offices within the government they act for. Visibility is already checked, and the tier names one government
 * on the sponsor's line, so tier plus jurisdiction identify the one group of approvers for the task.
 */
function taskDecision(user: UserAccount, context: PolicyContext): Decision {
  if (user.role !== 'approver') {
    return deny(
      `approval tasks are decided by approvers; ${user.username} is ${withArticle(user.role)}`,
      false,
    );
  }
  if (context.tier === undefined) return deny('the office has no request waiting at a tier', false);
  const own = approverTier(context.jurisdictions, user.unitId);
  if (own === undefined) return deny(`${user.username}'s unit ${user.unitId} decides at no tier`, false);
  if (own !== context.tier) {
    return deny(
      `the request waits at the ${context.tier} tier; ${user.username} decides at the ${own} tier`,
      false,
    );
  }
  return ALLOW;
}

/** Which offices a list may show a user: all, those of one unit and below, or none. */
export type ListScope = { kind: 'all' } | { kind: 'within'; unitId: string } | { kind: 'none' };

/**
 * The list filter for a user, narrowed by the unit the caller asked for (`?unitId=`): the narrower of the two
 * subtrees, or none when they do not overlap. Lists carry office rows, so this is `office.read` applied in bulk.
 */
export function listScope(
  user: UserAccount,
  jurisdictions: JurisdictionCatalog,
  requestedUnitId?: string,
): ListScope {
  if (!isRole(user.role)) return { kind: 'none' };
  const root = jurisdictionOf(jurisdictions, user);
  if (user.role === 'admin' && root === undefined) {
    return requestedUnitId === undefined ? { kind: 'all' } : { kind: 'within', unitId: requestedUnitId };
  }
  if (root === undefined || !jurisdictions.find(root)) return { kind: 'none' };
  if (requestedUnitId === undefined) return { kind: 'within', unitId: root };
  if (jurisdictions.isWithin(requestedUnitId, root)) return { kind: 'within', unitId: requestedUnitId };
  if (jurisdictions.isWithin(root, requestedUnitId)) return { kind: 'within', unitId: root };
  return { kind: 'none' };
}

/** An approver's inbox: requests waiting at their tier for offices within their government; undefined otherwise. */
export function inboxOf(
  user: UserAccount,
  jurisdictions: JurisdictionCatalog,
): { tier: Tier; unitId: string } | undefined {
  if (user.role !== 'approver') return undefined;
  const tier = approverTier(jurisdictions, user.unitId);
  const unitId = jurisdictionOf(jurisdictions, user);
  return tier && unitId ? { tier, unitId } : undefined;
}

/**
 * The audiences whose notices a user reads (see the deadline notices): their own name; an approver's candidate
 * group; a clerk's unit and the units below it; a supervisor's or admin's jurisdiction.
 */
export function noticeAudiences(user: UserAccount, jurisdictions: JurisdictionCatalog): string[] {
  const audiences = [`user:${user.username}`];
  if (!isRole(user.role)) return audiences;
  if (user.role === 'approver') {
    const inbox = inboxOf(user, jurisdictions);
    if (inbox) audiences.push(`approvers:${inbox.tier}@${inbox.unitId}`);
  } else if (user.role === 'clerk') {
    // A clerk acts for their unit and every unit below it, so hears what is sent to the clerks of any of them.
    for (const unit of jurisdictions.all()) {
      if (jurisdictions.isWithin(unit.id, user.unitId)) audiences.push(`clerks:${unit.id}`);
    }
  } else {
    const root = jurisdictionOf(jurisdictions, user);
    if (root !== undefined) audiences.push(`supervisors:${root}`);
  }
  return audiences;
}
