import type { JurisdictionCatalog } from '../jurisdiction';
import type { Audience } from './events';
import type { DeadlineKind } from './ids';
import type { EscalationStep } from './ladder';

/** What decides who hears of a deadline's notices: whose it is, and who holds its task when the step goes out. */
export interface NoticeTarget {
  kind: DeadlineKind | string;
  /** The task's jurisdiction, or the filing unit. */
  unitId: string;
  tier: string | null;
  assignee: string | null;
  candidateGroup: string | null;
}

/**
 * Who hears of each step: whoever must act, then the supervisors of the tier above, then the leading group. A
 * ruling task is the provincial approvers' (its unit is the province), so it escalates to the province.
 */
export function noticeAudiences(
  jurisdictions: JurisdictionCatalog,
  target: NoticeTarget,
): Record<EscalationStep, Audience[]> {
  const city = jurisdictions.nearest(target.unitId, 'city');
  const province = jurisdictions.nearest(target.unitId, 'province');
  // A county's task, or a unit's filing, escalates to its city; a city's or the province's task to the province.
  const above = target.kind === 'task' && target.tier !== 'county' ? province : (city ?? province);
  // The leading group office sits with the city's Bureau; a unit outside any city answers to the province's.
  const leadingGroup = city ?? province;
  if (target.kind.startsWith('report-')) {
    // The city's own work (七(三)): its supervisors (the Bureau, the leading group office), then the province's.
    const own = [`supervisors:${target.unitId}`];
    return {
      reminder: own,
      escalation: [`supervisors:${(province ?? jurisdictions.get(target.unitId)).id}`],
      'leading-group': own,
    };
  }
  const reminder =
    target.kind === 'task'
      ? target.assignee
        ? [`user:${target.assignee}`]
        : [`approvers:${target.candidateGroup}`]
      : [`clerks:${target.unitId}`];
  return {
    reminder,
    escalation: [`supervisors:${(above ?? jurisdictions.get(target.unitId)).id}`],
    'leading-group': [`supervisors:${(leadingGroup ?? jurisdictions.get(target.unitId)).id}`],
  };
}
