import { InvalidCommand } from '../errors';
import type { RecordAppraisal } from './commands';
import { appraisalDeadline, type RegulationPolicy } from './deadlines';
import { APPRAISAL_GRADES, type RegulationEvent } from './events';
import { mustBeRegulated, once, required, yearInRange } from './guards';
import type { RegulationState } from './state';

/**
 * 六(一)(二): the sponsor appraises the office every year, and asks the host city's management department for its
 * opinion first. Recording a year's appraisal records the next year's deadline.
 */
export function recordAppraisal(
  { data }: RecordAppraisal,
  state: RegulationState,
  now: string,
  policy: RegulationPolicy,
): RegulationEvent[] {
  const office = mustBeRegulated(state, data.officeId);
  if (!APPRAISAL_GRADES.includes(data.grade)) {
    throw new InvalidCommand('grade', `grade must be one of ${APPRAISAL_GRADES.join(', ')}`);
  }
  const appraisal = {
    officeId: data.officeId,
    year: yearInRange(data.year, 'year', office.retainedAt, now),
    grade: data.grade,
    summary: required(data.summary, 'summary', '六(一)', 'the appraisal says how the office performed'),
    hostDepartment: required(
      data.hostDepartment,
      'hostDepartment',
      '六(二)',
      "the sponsor asks the host city's management department for its opinion: name the department",
    ),
    hostOpinion: required(
      data.hostOpinion,
      'hostOpinion',
      '六(二)',
      "an appraisal is made with the opinion of the host city's management department (征求驻在地管理部门的意见)",
    ),
  };
  if (once(state.appraisals[appraisal.year], appraisal, `the appraisal of ${appraisal.year}`, '六(二)'))
    return [];
  return [
    { type: 'AppraisalRecorded', data: { ...appraisal, recordedAt: now } },
    ...appraisalDeadline(state, policy, data.officeId, appraisal.year + 1),
  ];
}
