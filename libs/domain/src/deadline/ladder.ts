import { parseDuration, type Duration, type WorkingCalendar } from '../calendar';

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
