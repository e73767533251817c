import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DUTY_SECTION, type JurisdictionCatalog, type RegulationDuty } from '@liaison/domain';
import type { ReadStore } from '../read-store';

/** A retained office's dated duty past its due date and not yet met (五, 六): a lapse. */
export interface RegulationLapse {
  deadlineId: string;
  duty: RegulationDuty;
  section: string;
  officeId: string;
  officeName: string;
  sponsorUnitId: string;
  /** The year or the complaint it is about (null for decoupling). */
  subject: string | null;
  dueAt: string;
  /** How far up the escalation ladder its notices have gone; leading-group: listed for circulation (通报). */
  lastStep: string | null;
}

export type LapseScope = { kind: 'all' } | { kind: 'within'; unitId: string } | { kind: 'none' };

/** The lapses of the retained offices within a scope, as of an instant, from the deadline read model. */
export class RegulationLapsesQuery extends Query<RegulationLapse[]> {
  constructor(
    readonly scope: LapseScope,
    readonly asOf: string,
    readonly officeId?: string,
  ) {
    super();
  }
}

@QueryHandler(RegulationLapsesQuery)
export class RegulationLapsesHandler implements IQueryHandler<RegulationLapsesQuery, RegulationLapse[]> {
  constructor(
    private readonly readStore: ReadStore,
    private readonly jurisdictions: JurisdictionCatalog,
  ) {}

  async execute({ scope, asOf, officeId }: RegulationLapsesQuery): Promise<RegulationLapse[]> {
    if (scope.kind === 'none') return [];
    let query = this.readStore.db
      .selectFrom('deadlines')
      .selectAll()
      .where('kind', 'like', 'regulation-%')
      .where('status', '=', 'pending')
      .where('due_at', '<', asOf);
    if (officeId !== undefined) query = query.where('office_id', '=', officeId);
    const rows = await query.orderBy('due_at').orderBy('deadline_id').execute();
    return rows
      .filter(
        (row) =>
          scope.kind === 'all' ||
          (this.jurisdictions.find(row.unit_id) !== undefined &&
            this.jurisdictions.isWithin(row.unit_id, scope.unitId)),
      )
      .map((row) => {
        const duty = row.kind.slice('regulation-'.length) as RegulationDuty;
        return {
          deadlineId: row.deadline_id,
          duty,
          section: DUTY_SECTION[duty],
          officeId: row.office_id ?? '',
          officeName: row.title,
          sponsorUnitId: row.unit_id,
          subject: row.subject_id === row.office_id ? null : row.subject_id,
          dueAt: row.due_at ?? '',
          lastStep: row.last_step,
        };
      });
  }
}
