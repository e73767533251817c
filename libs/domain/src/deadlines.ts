import type { Decider } from './decider';
import { parseDuration, type Duration, type WorkingCalendar } from './calendar';
import type { Phase } from './campaign';
import { InvalidCommand } from './errors';

/**
 * The escalation ladder (七, 八): when a deadline passes, a reminder goes to whoever must act; later an escalation
 * to the supervisors of the tier above; later still a notice to the leading group office, which puts the item on
 * the list to circulate (通报).
 */
export const ESCALATION_STEPS = ['reminder', 'escalation', 'leading-group'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

/** How long after the due date each step goes out. */
export type EscalationLadder = Record<EscalationStep, Duration>;

export const DEFAULT_ESCALATION_LADDER: EscalationLadder = {
  reminder: { ms: 0 },
  escalation: { workingDays: 2 },
  'leading-group': { workingDays: 5 },
};

/** `reminder=0s,escalation=2,leading-group=5` (working days unless a unit is given; any subset). */
export function parseEscalationLadder(
  text: string | undefined,
  defaults: EscalationLadder = DEFAULT_ESCALATION_LADDER,
  field = 'ESCALATION_LADDER',
): EscalationLadder {
  const ladder = { ...defaults };
  if (!text) return ladder;
  for (const part of text.split(',')) {
    const match = /^\s*(reminder|escalation|leading-group)\s*=\s*(.+)$/.exec(part);
    if (!match) {
      throw new Error(`${field}: "${part}" is not step=duration (steps: ${ESCALATION_STEPS.join(', ')})`);
    }
    ladder[match[1] as EscalationStep] = parseDuration(match[2]!, `${field} ${match[1]}`);
  }
  return ladder;
}

/** When each step of a deadline goes out; never earlier than the step before it. */
export function stepTimes(
  dueAt: Date,
  ladder: EscalationLadder,
  calendar: WorkingCalendar,
): Record<EscalationStep, Date> {
  const times = {} as Record<EscalationStep, Date>;
  let previous = dueAt.getTime();
  for (const step of ESCALATION_STEPS) {
    const at = Math.max(previous, calendar.add(dueAt, ladder[step]).getTime());
    times[step] = new Date(at);
    previous = at;
  }
  return times;
}

/** What a deadline watches: a tier decision, a unit's filing by a phase deadline, an abolition by 2015-10-31. */
export type DeadlineKind = 'task' | 'work-plan' | 'work-summary' | 'abolition';

export interface DeadlineSubject {
  deadlineId: string;
  kind: DeadlineKind;
  /** The task, the unit or the office the deadline is about. */
  subjectId: string;
  officeId?: string;
  unitId: string;
  /** Human-readable: the office's or the unit's name. */
  title: string;
}

/**
 * Who a notice is for. `user:<username>`, `approvers:<tier>@<unitId>` (a candidate group), `clerks:<unitId>`,
 * `supervisors:<unitId>`. Each signed-in user belongs to some of these (see the notices API).
 */
export type Audience = string;

export interface DeadlineNoticeSent {
  type: 'DeadlineNoticeSent';
  data: DeadlineSubject & {
    step: EscalationStep;
    dueAt: string;
    sentAt: string;
    audience: Audience[];
    /** Put on the list of overdue items to circulate (通报). */
    circulate: boolean;
    message: string;
  };
}

export type DeadlineEvent = DeadlineNoticeSent;

export interface SendDeadlineNotice {
  type: 'SendDeadlineNotice';
  data: {
    deadline: DeadlineSubject;
    step: EscalationStep;
    dueAt: string;
    sentAt: string;
    /** The audience of every step, so that a step whose predecessors have not gone out sends them first. */
    audiences: Record<EscalationStep, Audience[]>;
  };
}

export interface DeadlineState {
  sent: ReadonlySet<EscalationStep>;
}

export const initialDeadlineState = (): DeadlineState => ({ sent: new Set() });

export function evolveDeadline(state: DeadlineState, event: DeadlineEvent): DeadlineState {
  return { sent: new Set([...state.sent, event.data.step]) };
}

/**
 * One notice per deadline and step, whatever runs the job and however often: a step already sent decides nothing,
 * and a step whose predecessors have not gone out (the scheduler was down past several of them) sends those first,
 * in order.
 */
export function decideDeadline(command: SendDeadlineNotice, state: DeadlineState): DeadlineEvent[] {
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
};

function noticeMessage(deadline: DeadlineSubject, step: EscalationStep, dueAt: string): string {
  const what = `${WHAT[deadline.kind]} for ${deadline.title}`;
  switch (step) {
    case 'reminder':
      return `Reminder: ${what} was due ${dueAt}.`;
    case 'escalation':
      return `Escalated: ${what} is overdue since ${dueAt}; the tier above is asked to intervene.`;
    case 'leading-group':
      return `Leading group: ${what} is still overdue since ${dueAt}; it is listed for circulation (通报).`;
  }
}

export function deadlineStreamId(deadlineId: string): string {
  return `deadline-${deadlineId}`;
}

export const DEADLINE_STREAM_PREFIX = 'deadline-';

/** A task's deadline: `task.<officeId>.<revision>` (also safe as a queue job id: no colon). */
export function taskDeadlineId(taskId: string): string {
  return `task.${taskId.replace('/', '.')}`;
}

export type FilingKind = 'work-plan' | 'work-summary';

/** The kind of deadline each phase's end watches (七). */
export const PHASE_DEADLINE_KIND: Record<Phase, DeadlineKind> = {
  plan: 'work-plan',
  'carry-out': 'abolition',
  summary: 'work-summary',
};

/** The event that meets a filing deadline. */
export const FILING_EVENT: Record<FilingKind, 'WorkPlanFiled' | 'WorkSummaryFiled'> = {
  'work-plan': 'WorkPlanFiled',
  'work-summary': 'WorkSummaryFiled',
};

/** `work-plan.<unitId>` or `work-summary.<unitId>`. */
export function filingDeadlineId(kind: FilingKind, unitId: string): string {
  return `${kind}.${unitId}`;
}

/** `abolition.<officeId>`. */
export function abolitionDeadlineId(officeId: string): string {
  return `abolition.${officeId}`;
}

/**
 * Whether an office must still be abolished by the end of the carry-out phase: a rejected retention request, or a
 * rule (or ruling) that says abolish, with nothing done about it yet.
 */
export function mustBeAbolished(status: string, requiredOutcome: string): boolean {
  return (
    status === 'rejected' ||
    (requiredOutcome === 'abolish' && (status === 'proposed' || status === 'returned-for-revision'))
  );
}

export const deadlineDecider: Decider<SendDeadlineNotice, DeadlineEvent, DeadlineState> = {
  decide: decideDeadline,
  evolve: evolveDeadline,
  initialState: initialDeadlineState,
};
