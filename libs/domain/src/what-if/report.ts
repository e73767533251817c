import type { EscalationStep } from '../deadline/ladder';
import type { JurisdictionCatalog } from '../jurisdiction';
import type { DeadlineFacts, DeadlineLog } from './deadline-log';
import {
  deadlineOutcome,
  recordedDueAt,
  variantDueAt,
  type DeadlineOutcome,
  type WhatIfNotice,
} from './outcome';
import { variantPolicy, type NoticePolicy, type WhatIfPeriod, type WhatIfVariant } from './variant';

/** One deadline whose course the variant changes. */
export interface DeadlineDifference {
  deadlineId: string;
  kind: DeadlineFacts['kind'];
  taskKind?: DeadlineFacts['taskKind'];
  officeId?: string;
  unitId: string;
  title: string;
  tier: string | null;
  closedAt: string | null;
  actual: DeadlineOutcome;
  variant: DeadlineOutcome;
  /** Notices the variant sends that did not go out (by step), and those it would not send. */
  added: WhatIfNotice[];
  removed: WhatIfNotice[];
}

export type StepCounts = Record<EscalationStep, number>;

export interface WhatIfTotals {
  deadlines: number;
  overdue: { actual: number; variant: number };
  notices: { actual: StepCounts; variant: StepCounts };
}

export interface UnitTierTotals extends WhatIfTotals {
  unitId: string;
  /** A task's tier; null for a unit's filings. */
  tier: string | null;
}

export interface WhatIfReport {
  period: WhatIfPeriod;
  /** The log was read up to here: the period's end, or now if that is earlier. */
  asOf: string;
  events: number;
  totals: WhatIfTotals;
  byUnitTier: UnitTierTotals[];
  differences: DeadlineDifference[];
}

const noSteps = (): StepCounts => ({ reminder: 0, escalation: 0, 'leading-group': 0 });
const emptyTotals = (): WhatIfTotals => ({
  deadlines: 0,
  overdue: { actual: 0, variant: 0 },
  notices: { actual: noSteps(), variant: noSteps() },
});

function within(dueAt: string | null, from: number, to: number): boolean {
  return dueAt !== null && Date.parse(dueAt) >= from && Date.parse(dueAt) <= to;
}

const key = (notice: WhatIfNotice) => `${notice.step}|${notice.audience.join(',')}`;

function count(totals: WhatIfTotals, actual: DeadlineOutcome, variant: DeadlineOutcome): void {
  totals.deadlines++;
  if (actual.overdue) totals.overdue.actual++;
  if (variant.overdue) totals.overdue.variant++;
  for (const notice of actual.notices) totals.notices.actual[notice.step]++;
  for (const notice of variant.notices) totals.notices.variant[notice.step]++;
}

/**
 * Replays the deadlines the log opened under the policy the service runs with and under the variant, and reports
 * the difference for those falling due in the period (under either): overdue or not, the notices added and removed
 * with their audiences, and totals per unit and tier.
 */
export function whatIfReport(
  log: DeadlineLog,
  options: {
    actual: NoticePolicy;
    variant: WhatIfVariant;
    period: WhatIfPeriod;
    asOf: string;
    jurisdictions: JurisdictionCatalog;
    /** Only deadlines of these units (a supervisor's jurisdiction). */
    inScope?: (unitId: string) => boolean;
  },
): WhatIfReport {
  const { actual, variant, period, asOf, jurisdictions } = options;
  const policy = variantPolicy(actual, variant);
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const totals = emptyTotals();
  const groups = new Map<string, UnitTierTotals>();
  const differences: DeadlineDifference[] = [];
  for (const facts of log.facts()) {
    if (options.inScope && !options.inScope(facts.unitId)) continue;
    const actualDue = recordedDueAt(facts, log.phases);
    const variantDue = variantDueAt(facts, variant, policy, log.phases);
    if (!within(actualDue, from, to) && !within(variantDue, from, to)) continue;
    const was = deadlineOutcome(facts, actualDue, actual, asOf, jurisdictions);
    const would = deadlineOutcome(facts, variantDue, policy, asOf, jurisdictions);
    count(totals, was, would);
    const groupKey = `${facts.unitId}|${facts.tier ?? ''}`;
    const group = groups.get(groupKey) ?? { unitId: facts.unitId, tier: facts.tier, ...emptyTotals() };
    groups.set(groupKey, group);
    count(group, was, would);
    const wasKeys = new Set(was.notices.map(key));
    const wouldKeys = new Set(would.notices.map(key));
    const added = would.notices.filter((notice) => !wasKeys.has(key(notice)));
    const removed = was.notices.filter((notice) => !wouldKeys.has(key(notice)));
    if (was.dueAt === would.dueAt && was.overdue === would.overdue && !added.length && !removed.length) {
      continue;
    }
    differences.push({
      deadlineId: facts.deadlineId,
      kind: facts.kind,
      ...(facts.taskKind ? { taskKind: facts.taskKind } : {}),
      ...(facts.officeId ? { officeId: facts.officeId } : {}),
      unitId: facts.unitId,
      title: facts.title,
      tier: facts.tier,
      closedAt: facts.closedAt ?? null,
      actual: was,
      variant: would,
      added,
      removed,
    });
  }
  const byUnitTier = [...groups.values()].sort(
    (a, b) => a.unitId.localeCompare(b.unitId) || (a.tier ?? '').localeCompare(b.tier ?? ''),
  );
  differences.sort((a, b) => a.deadlineId.localeCompare(b.deadlineId));
  return { period, asOf, events: log.events, totals, byUnitTier, differences };
}
