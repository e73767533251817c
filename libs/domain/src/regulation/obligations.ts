import { parseDuration, type Duration } from '../calendar';
import { DEFAULT_REGULATION_SLA } from './deadlines';
import { DUTY_SECTION, REGULATION_DUTIES, type RegulationDuty } from './events';
import type { RegulationState } from './state';

export type ObligationStatus = 'met' | 'met-late' | 'pending' | 'overdue';

/** One duty with a date, as the stream stands at `asOf`. */
export interface Obligation {
  deadlineId: string;
  duty: RegulationDuty;
  section: string;
  /** The year or the complaint it is about. */
  subject: string | null;
  dueAt: string;
  status: ObligationStatus;
  metAt: string | null;
}

/** Every dated duty of a retained office, in due order; the overdue ones are its lapses. */
export function regulationObligations(state: RegulationState, asOf: string): Obligation[] {
  return Object.values(state.deadlines)
    .map((deadline): Obligation => {
      const metAt = deadline.metAt ?? null;
      const status: ObligationStatus =
        metAt !== null
          ? metAt > deadline.dueAt
            ? 'met-late'
            : 'met'
          : asOf > deadline.dueAt
            ? 'overdue'
            : 'pending';
      return {
        deadlineId: deadline.deadlineId,
        duty: deadline.duty,
        section: DUTY_SECTION[deadline.duty],
        subject: deadline.subject ?? null,
        dueAt: deadline.dueAt,
        status,
        metAt,
      };
    })
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.deadlineId.localeCompare(b.deadlineId));
}

/** `decoupling=60,disclosure=60,appraisal=40,complaint=30` in working days, or with units (`disclosure=5s`). */
export function parseRegulationSla(
  text: string | undefined,
  field = 'REGULATION_SLA',
): Record<RegulationDuty, Duration> {
  const sla = { ...DEFAULT_REGULATION_SLA };
  if (!text) return sla;
  for (const part of text.split(',')) {
    const match = /^\s*([a-z]+)\s*=\s*(.+)$/.exec(part);
    if (!match || !REGULATION_DUTIES.includes(match[1] as RegulationDuty)) {
      throw new Error(`${field}: "${part}" is not duty=duration (duties: ${REGULATION_DUTIES.join(', ')})`);
    }
    sla[match[1] as RegulationDuty] = parseDuration(match[2]!, `${field} ${match[1]}`);
  }
  return sla;
}
