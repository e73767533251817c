import { OFFICIAL_CALENDAR } from '../calendar';
import type { RegulationCommand } from './commands';
import type { RegulationPolicy } from './deadlines';
import type { RegulationDeadlineSet, RegulationEvent } from './events';

/** Shared by the regulation specs: an office retained on 2015-11-20, with short allowances counted in days. */
export const DAY = 86_400_000;
export const POLICY: RegulationPolicy = {
  allowed: {
    decoupling: { ms: 10 * DAY },
    disclosure: { ms: 20 * DAY },
    appraisal: { ms: 30 * DAY },
    complaint: { ms: 5 * DAY },
  },
  calendar: OFFICIAL_CALENDAR,
};
export const OFFICE = '0b7c1f3e-0000-4000-8000-0000000000aa';
export const RETAINED_AT = '2015-11-20T02:00:00.000Z';
export const NOW = '2015-12-01T02:00:00.000Z';

export function at<C extends RegulationCommand>(command: Omit<C, 'metadata'>, now = NOW): C {
  return { ...command, metadata: { now } } as C;
}

export function deadlineSet(
  duty: RegulationDeadlineSet['data']['duty'],
  dueAt: string,
  from: string,
  subject?: string,
): RegulationDeadlineSet {
  return {
    type: 'RegulationDeadlineSet',
    data: {
      officeId: OFFICE,
      deadlineId: `regulation-${duty}.${OFFICE}${subject === undefined ? '' : `.${subject}`}`,
      duty,
      ...(subject === undefined ? {} : { subject }),
      dueAt,
      basis: {
        rule: { decoupling: '五(一)', disclosure: '五(三)', appraisal: '六(二)', complaint: '六(四)' }[duty],
        allowed: POLICY.allowed[duty],
        from,
        calendar: OFFICIAL_CALENDAR.version,
      },
    },
  };
}

export const OPENED: RegulationEvent[] = [
  {
    type: 'RegulationOpened',
    data: {
      officeId: OFFICE,
      name: '南阳市人民政府驻郑州办事处',
      sponsorUnitId: 'henan.nanyang',
      hostCityId: 'zhengzhou',
      retainedAt: RETAINED_AT,
    },
  },
  deadlineSet('decoupling', '2015-11-30T02:00:00.000Z', RETAINED_AT),
  deadlineSet('disclosure', '2015-12-10T02:00:00.000Z', RETAINED_AT, '2015'),
  deadlineSet('appraisal', '2016-01-30T16:00:00.000Z', '2015-12-31T16:00:00.000Z', '2015'),
];
