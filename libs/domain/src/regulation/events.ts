import type { Duration } from '../calendar';
import type { RetainedFunction } from '../office/vocabulary';

/**
 * A retained office under regulation (四, 五, 六): what it does, how it receives guests, what it publishes, how it
 * is managed and supervised. One stream per retained office, `regulation-<officeId>`, opened when its retention is
 * finally approved; every duty with a date is a deadline recorded here, on the escalation ladder.
 */
export const REGULATION_STREAM_PREFIX = 'regulation-';

export function regulationStreamId(officeId: string): string {
  return `${REGULATION_STREAM_PREFIX}${officeId}`;
}

/** The duties with a due date: decoupling (五(一)), the yearly disclosure (五(三)), appraisal (六(二)), complaints (六(四)). */
export const REGULATION_DUTIES = ['decoupling', 'disclosure', 'appraisal', 'complaint'] as const;
export type RegulationDuty = (typeof REGULATION_DUTIES)[number];

/** The section of the plan each duty with a due date comes from. */
export const DUTY_SECTION: Record<RegulationDuty, string> = {
  decoupling: '五(一)',
  disclosure: '五(三)',
  appraisal: '六(二)',
  complaint: '六(四)',
};

export type RegulationDeadlineKind = `regulation-${RegulationDuty}`;

export function regulationDeadlineKind(duty: RegulationDuty): RegulationDeadlineKind {
  return `regulation-${duty}`;
}

/**
 * `regulation-decoupling.<officeId>`, `regulation-disclosure.<officeId>.<year>`,
 * `regulation-appraisal.<officeId>.<year>`, `regulation-complaint.<officeId>.<complaintId>` (no colon: a job id).
 */
export function regulationDeadlineId(duty: RegulationDuty, officeId: string, subject?: string): string {
  return subject === undefined
    ? `regulation-${duty}.${officeId}`
    : `regulation-${duty}.${officeId}.${subject}`;
}

/** Why a duty is due when it is: the time allowed from an instant (the retention, the year's start, the complaint). */
export interface RegulationDueDateBasis {
  rule: string;
  allowed: Duration;
  from: string;
  calendar: string;
}

export interface RegulationOpened {
  type: 'RegulationOpened';
  data: { officeId: string; name: string; sponsorUnitId: string; hostCityId: string; retainedAt: string };
}

export interface RegulationDeadlineSet {
  type: 'RegulationDeadlineSet';
  data: {
    officeId: string;
    deadlineId: string;
    duty: RegulationDuty;
    /** The year (disclosure, appraisal) or the complaint it is about; absent for decoupling. */
    subject?: string;
    dueAt: string;
    basis: RegulationDueDateBasis;
  };
}

/** Something the office did under one of the functions of 四, with what shows it. */
export interface FunctionServed {
  type: 'FunctionServed';
  data: {
    officeId: string;
    function: RetainedFunction;
    activity: string;
    evidence: string;
    occurredOn: string;
    recordedAt: string;
  };
}

/** 五(一): the business entities the office is decoupled from, and the document that shows it. */
export interface DecouplingRecorded {
  type: 'DecouplingRecorded';
  data: { officeId: string; entities: string[]; evidence: string; decoupledOn: string; recordedAt: string };
}

/** 五(二): one official reception, with its reception letter (公函) and reception list (清单). */
export interface ReceptionRecorded {
  type: 'ReceptionRecorded';
  data: {
    officeId: string;
    receptionId: string;
    receivedOn: string;
    guestUnit: string;
    letterReference: string;
    list: string;
    /** Spent, in yuan. */
    cost: number;
    recordedAt: string;
  };
}

/** 五(三): a year's reception budget and spending, published. */
export interface DisclosurePublished {
  type: 'DisclosurePublished';
  data: {
    officeId: string;
    year: number;
    budget: number;
    spending: number;
    venues: string;
    publication: string;
    publishedAt: string;
  };
}

/** 六(三): a cadre rotated in or out. */
export interface CadreRotated {
  type: 'CadreRotated';
  data: {
    officeId: string;
    cadre: string;
    direction: 'in' | 'out';
    rotatedOn: string;
    evidence: string;
    recordedAt: string;
  };
}

export type AppraisalGrade = 'excellent' | 'competent' | 'basically-competent' | 'incompetent';
export const APPRAISAL_GRADES: readonly AppraisalGrade[] = [
  'excellent',
  'competent',
  'basically-competent',
  'incompetent',
];

/** 六(一)(二): the sponsor's yearly appraisal, with the opinion of the host city's management department. */
export interface AppraisalRecorded {
  type: 'AppraisalRecorded';
  data: {
    officeId: string;
    year: number;
    grade: AppraisalGrade;
    summary: string;
    hostDepartment: string;
    hostOpinion: string;
    recordedAt: string;
  };
}

export type SupervisionKind = 'inspection' | 'audit';
export const SUPERVISION_KINDS: readonly SupervisionKind[] = ['inspection', 'audit'];

/** 六(四): an inspection (巡查) or audit, by whom, and what it found. */
export interface SupervisionRecorded {
  type: 'SupervisionRecorded';
  data: {
    officeId: string;
    kind: SupervisionKind;
    conductedBy: string;
    conductedOn: string;
    findings: string;
    evidence: string;
    recordedAt: string;
  };
}

export type ComplaintChannel = 'hotline' | 'mailbox';
export const COMPLAINT_CHANNELS: readonly ComplaintChannel[] = ['hotline', 'mailbox'];

/** 六(四): a complaint received on the public line or mailbox. */
export interface ComplaintReceived {
  type: 'ComplaintReceived';
  data: {
    officeId: string;
    complaintId: string;
    channel: ComplaintChannel;
    summary: string;
    receivedAt: string;
  };
}

/** 六(四): the complaint investigated, and its result published. */
export interface ComplaintResolved {
  type: 'ComplaintResolved';
  data: {
    officeId: string;
    complaintId: string;
    investigation: string;
    result: string;
    publication: string;
    resolvedAt: string;
  };
}

export type RegulationEvent =
  | RegulationOpened
  | RegulationDeadlineSet
  | FunctionServed
  | DecouplingRecorded
  | ReceptionRecorded
  | DisclosurePublished
  | CadreRotated
  | AppraisalRecorded
  | SupervisionRecorded
  | ComplaintReceived
  | ComplaintResolved;
