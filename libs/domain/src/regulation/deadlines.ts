import type { Duration, WorkingCalendar } from '../calendar';
import {
  DUTY_SECTION,
  regulationDeadlineId,
  type RegulationDeadlineSet,
  type RegulationDuty,
} from './events';
import type { RegulationState } from './state';

/**
 * How long each duty has. The plan names no dates for 五 and 六, so the service says (REGULATION_SLA):
 * decoupling after the retention, the year's disclosure after the year starts (the retention's year: after the
 * retention), the year's appraisal after the year ends, a complaint's published result after it is received.
 */
export interface RegulationPolicy {
  allowed: Record<RegulationDuty, Duration>;
  calendar: WorkingCalendar;
}

export const DEFAULT_REGULATION_SLA: Record<RegulationDuty, Duration> = {
  decoupling: { workingDays: 60 },
  disclosure: { workingDays: 60 },
  appraisal: { workingDays: 40 },
  complaint: { workingDays: 30 },
};

/** Midnight China Standard Time on the first of January. */
export function yearStart(year: number): string {
  return new Date(`${year}-01-01T00:00:00+08:00`).toISOString();
}

/** The deadline for a duty counted from `from`, unless the stream already has it. */
export function deadline(
  state: RegulationState,
  policy: RegulationPolicy,
  officeId: string,
  duty: RegulationDuty,
  from: string,
  subject?: string,
): RegulationDeadlineSet[] {
  const deadlineId = regulationDeadlineId(duty, officeId, subject);
  if (state.deadlines[deadlineId]) return [];
  const allowed = policy.allowed[duty];
  const dueAt = policy.calendar.add(new Date(from), allowed).toISOString();
  return [
    {
      type: 'RegulationDeadlineSet',
      data: {
        officeId,
        deadlineId,
        duty,
        ...(subject !== undefined ? { subject } : {}),
        dueAt,
        basis: { rule: DUTY_SECTION[duty], allowed, from, calendar: policy.calendar.version },
      },
    },
  ];
}

/** A year's disclosure counts from the year's start, or from the retention in the retention's year. */
export function disclosureDeadline(
  state: RegulationState,
  policy: RegulationPolicy,
  officeId: string,
  year: number,
  retainedAt: string,
): RegulationDeadlineSet[] {
  const start = yearStart(year);
  const from = retainedAt > start ? retainedAt : start;
  return deadline(state, policy, officeId, 'disclosure', from, String(year));
}

/** A year's appraisal counts from the year's end. */
export function appraisalDeadline(
  state: RegulationState,
  policy: RegulationPolicy,
  officeId: string,
  year: number,
): RegulationDeadlineSet[] {
  return deadline(state, policy, officeId, 'appraisal', yearStart(year + 1), String(year));
}
