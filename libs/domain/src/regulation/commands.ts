import type { Command } from '../decider';
import type { RetainedFunction } from '../office/vocabulary';
import type { AppraisalGrade, ComplaintChannel, SupervisionKind } from './events';

/** Opened once the office's retention is finally approved; the handler reads these facts from the office's stream. */
export type OpenRegulation = Command<
  'OpenRegulation',
  { officeId: string; name: string; sponsorUnitId: string; hostCityId: string; retainedAt: string }
>;

/** 四: `function` is checked against the plan's list, not trusted to the transport's validation. */
export type RecordFunction = Command<
  'RecordFunction',
  {
    officeId: string;
    function: RetainedFunction | string;
    activity: string;
    evidence: string;
    occurredOn: string;
  }
>;

export type RecordDecoupling = Command<
  'RecordDecoupling',
  { officeId: string; entities: string[]; evidence: string; decoupledOn: string }
>;

export type RecordReception = Command<
  'RecordReception',
  {
    officeId: string;
    receptionId: string;
    receivedOn: string;
    guestUnit: string;
    letterReference: string;
    list: string;
    cost: number;
  }
>;

export type PublishDisclosure = Command<
  'PublishDisclosure',
  { officeId: string; year: number; budget: number; spending: number; venues: string; publication: string }
>;

export type RecordRotation = Command<
  'RecordRotation',
  { officeId: string; cadre: string; direction: 'in' | 'out'; rotatedOn: string; evidence: string }
>;

export type RecordAppraisal = Command<
  'RecordAppraisal',
  {
    officeId: string;
    year: number;
    grade: AppraisalGrade;
    summary: string;
    hostDepartment: string;
    hostOpinion: string;
  }
>;

export type RecordSupervision = Command<
  'RecordSupervision',
  {
    officeId: string;
    kind: SupervisionKind;
    conductedBy: string;
    conductedOn: string;
    findings: string;
    evidence: string;
  }
>;

export type ReceiveComplaint = Command<
  'ReceiveComplaint',
  { officeId: string; complaintId: string; channel: ComplaintChannel; summary: string }
>;

export type ResolveComplaint = Command<
  'ResolveComplaint',
  { officeId: string; complaintId: string; investigation: string; result: string; publication: string }
>;

export type RegulationCommand =
  | OpenRegulation
  | RecordFunction
  | RecordDecoupling
  | RecordReception
  | PublishDisclosure
  | RecordRotation
  | RecordAppraisal
  | RecordSupervision
  | ReceiveComplaint
  | ResolveComplaint;
