import type { Decider } from '../decider';
import { InvalidCommand } from '../errors';
import type { DeadlineCommand } from './commands';
import type { DeadlineEvent, DeadlineSubject } from './events';
import type { DeadlineKind } from './ids';
import { ESCALATION_STEPS, type EscalationStep } from './ladder';
import { evolve, initialState, type DeadlineState } from './state';

/**
 * One notice per deadline and step, whatever runs the job and however often: a step already sent decides nothing,
 * and a step whose predecessors have not gone out (the scheduler was down past several of them) sends those first,
 * in order.
 */
function decide(command: DeadlineCommand, state: DeadlineState): DeadlineEvent[] {
  const { deadline, step, dueAt, sentAt, audiences } = command.data;
  const upTo = ESCALATION_STEPS.indexOf(step);
  if (upTo < 0) throw new InvalidCommand('step', `step must be one of ${ESCALATION_STEPS.join(', ')}`);
  const events: DeadlineEvent[] = [];
  for (const each of ESCALATION_STEPS.slice(0, upTo + 1)) {
    if (state.sent.has(each)) continue;
    events.push({
      type: 'DeadlineNoticeSent',
      data: {
        ...deadline,
        step: each,
        dueAt,
        sentAt,
        audience: audiences[each],
        circulate: each === 'leading-group',
        message: noticeMessage(deadline, each, dueAt),
      },
    });
  }
  return events;
}

const WHAT: Record<DeadlineKind, string> = {
  task: 'the retention decision',
  'work-plan': 'the work plan (lead department, liaison person, plan)',
  'work-summary': 'the work summary',
  abolition: 'the abolition',
  'report-inspection': "the Bureau's inspection of every unit's work summary",
  'report-review': "the municipal government's review of the city's report",
  'report-submission': "the city's report to the provincial Bureau",
  'regulation-decoupling': 'the decoupling from hotels, guesthouses and other business entities (五(一))',
  'regulation-disclosure': "the year's reception budget and spending, published (五(三))",
  'regulation-appraisal': "the sponsor's yearly appraisal, with the host city's opinion (六(二))",
  'regulation-complaint': "a complaint's investigated and published result (六(四))",
  'report-summary-inspection': "the Bureau's inspection of the unit's work summary",
};

function noticeMessage(deadline: DeadlineSubject, step: EscalationStep, dueAt: string): string {
  const what =
    deadline.taskKind === 'ruling'
      ? `the provincial ruling on ${deadline.title} (an office the plan does not cover, 三)`
      : `${WHAT[deadline.kind]} for ${deadline.title}`;
  switch (step) {
    case 'reminder':
      return `Reminder: ${what} was due ${dueAt}.`;
    case 'escalation':
      return `Escalated: ${what} is overdue since ${dueAt}; the tier above is asked to intervene.`;
    case 'leading-group':
      return `Leading group: ${what} is still overdue since ${dueAt}; it is listed for circulation (通报).`;
  }
}

/** The notices of a deadline as it passes (七, 八); the scheduler's jobs send its commands. */
export const deadlineDecider: Decider<DeadlineCommand, DeadlineEvent, DeadlineState> = {
  decide,
  evolve,
  initialState,
};
