import { InvalidCommand } from '../errors';
import type { RecordSupervision } from './commands';
import { SUPERVISION_KINDS, type RegulationEvent } from './events';
import { mustBeRegulated, pastDay, required } from './guards';
import type { RegulationState } from './state';

/** 六(四): inspections (不定期巡查) and audits of the office, with what they found. */
export function recordSupervision(
  { data }: RecordSupervision,
  state: RegulationState,
  now: string,
): RegulationEvent[] {
  mustBeRegulated(state, data.officeId);
  if (!SUPERVISION_KINDS.includes(data.kind)) {
    throw new InvalidCommand('kind', `kind must be one of ${SUPERVISION_KINDS.join(', ')}`);
  }
  return [
    {
      type: 'SupervisionRecorded',
      data: {
        officeId: data.officeId,
        kind: data.kind,
        conductedBy: required(data.conductedBy, 'conductedBy', '六(四)', 'name who inspected or audited'),
        conductedOn: pastDay(data.conductedOn, 'conductedOn', now),
        findings: required(data.findings, 'findings', '六(四)', 'say what the inspection or audit found'),
        evidence: required(
          data.evidence,
          'evidence',
          '六(四)',
          'an inspection or audit is recorded with its report',
        ),
        recordedAt: now,
      },
    },
  ];
}
