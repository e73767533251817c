import type { Obligation, RegulationState } from '@liaison/domain';
import type { RegulatedOffice } from '@liaison/application';

/** A retained office's regulation as the API answers it: dated duties, lapses, and every record kept. */
export function regulationView(
  office: RegulatedOffice & { retainedAt: string },
  state: RegulationState,
  version: number,
  obligations: Obligation[],
) {
  return {
    officeId: office.officeId,
    name: office.name,
    sponsorUnitId: office.sponsorUnitId,
    hostCityId: office.hostCityId,
    retainedAt: state.office?.retainedAt ?? office.retainedAt,
    version,
    obligations,
    lapses: obligations.filter((obligation) => obligation.status === 'overdue'),
    records: {
      functions: state.functions,
      decoupling: state.decoupling ?? null,
      receptions: Object.values(state.receptions),
      disclosures: Object.values(state.disclosures),
      rotations: state.rotations,
      appraisals: Object.values(state.appraisals),
      supervisions: state.supervisions,
      complaints: Object.values(state.complaints).map(({ resolution, ...complaint }) => ({
        ...complaint,
        resolution: resolution ?? null,
      })),
    },
  };
}
