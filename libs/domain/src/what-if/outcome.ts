import { noticeAudiences } from '../deadline/audiences';
import type { Audience } from '../deadline/events';
import { ESCALATION_STEPS, stepTimes, type EscalationStep } from '../deadline/ladder';
import type { JurisdictionCatalog } from '../jurisdiction';
import type { DeadlineFacts } from './deadline-log';
import type { NoticePolicy, WhatIfVariant } from './variant';

/** A notice the scheduler sends, or would send: its step, when, to whom. */
export interface WhatIfNotice {
  step: EscalationStep;
  at: string;
  audience: Audience[];
}

/** How a deadline goes under one policy, seen at `asOf`. */
export interface DeadlineOutcome {
  dueAt: string | null;
  /** Closed after its due date, or still open past it at `asOf`. */
  overdue: boolean;
  notices: WhatIfNotice[];
}

/**
 * The due date a deadline has under a variant: a task's counted again from when it arrived with the variant's time
 * for its tier on the variant's calendar (the rule that set the real one, `taskDueDate`); a filing's is its phase's
 * end. Nothing the variant changes: the recorded date.
 */
export function variantDueAt(
  facts: DeadlineFacts,
  variant: WhatIfVariant,
  policy: NoticePolicy,
  phases: Partial<Record<string, string>>,
): string | null {
  if (facts.regulationBasis) {
    // A retained office's duty (五, 六): only the calendar can move it, when it counts working days.
    if (!variant.holidays?.length) return facts.recordedDueAt ?? null;
    const { allowed, from } = facts.regulationBasis;
    return policy.calendar.add(new Date(from), allowed).toISOString();
  }
  if (facts.kind !== 'task') {
    const phase = facts.phase!;
    return variant.phaseDeadlines?.[phase] ?? phases[phase] ?? null;
  }
  const basis = facts.basis;
  if (!basis || facts.tier === null) return facts.recordedDueAt ?? null;
  const allowed = variant.sla?.[facts.tier];
  if (allowed === undefined && !variant.holidays?.length) return facts.recordedDueAt ?? null;
  return policy.calendar.add(new Date(basis.from), allowed ?? basis.allowed).toISOString();
}

/** The due date the log gives: a task's or a retained office's duty's as recorded, a filing's its phase's end. */
export function recordedDueAt(facts: DeadlineFacts, phases: Partial<Record<string, string>>): string | null {
  return facts.kind === 'task' || facts.phase === undefined
    ? (facts.recordedDueAt ?? null)
    : (phases[facts.phase] ?? null);
}

/**
 * The notices of the ladder that go out before the deadline closes, and no later than `asOf`: the scheduler's rule
 * (`stepTimes`), each to the audience the scheduler would name at that moment (`noticeAudiences`).
 */
export function deadlineOutcome(
  facts: DeadlineFacts,
  dueAt: string | null,
  policy: NoticePolicy,
  asOf: string,
  jurisdictions: JurisdictionCatalog,
): DeadlineOutcome {
  if (dueAt === null) return { dueAt, overdue: false, notices: [] };
  const closed = facts.closedAt ? Date.parse(facts.closedAt) : Infinity;
  const overdue = facts.closedAt
    ? Date.parse(facts.closedAt) > Date.parse(dueAt)
    : Date.parse(asOf) > Date.parse(dueAt);
  const times = stepTimes(new Date(dueAt), policy.ladder, policy.calendar);
  const notices: WhatIfNotice[] = [];
  for (const step of ESCALATION_STEPS) {
    const at = times[step].getTime();
    // A job fires at its time; a decision recorded at that instant or before stops it.
    if (at > Date.parse(asOf) || at >= closed) break;
    notices.push({
      step,
      at: new Date(at).toISOString(),
      audience: noticeAudiences(jurisdictions, { ...facts, assignee: assigneeAt(facts, at) })[step],
    });
  }
  return { dueAt, overdue, notices };
}

function assigneeAt(facts: DeadlineFacts, at: number): string | null {
  let who: string | null = null;
  for (const change of facts.assignees) {
    if (Date.parse(change.at) > at) break;
    who = change.to;
  }
  return who;
}
