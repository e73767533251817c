import { OFFICIAL_CALENDAR } from '../calendar';
import { DEFAULT_ESCALATION_LADDER } from '../deadline/ladder';
import { regulationStreamId } from '../regulation/events';
import { nanyangContext } from '../testing/office-fixtures';
import { DeadlineLog, type LoggedEvent } from './deadline-log';
import { whatIfReport } from './report';

const { jurisdictions } = nanyangContext();
const OFFICE = 'office-r';
const PERIOD = { from: '2026-11-01T00:00:00.000Z', to: '2027-01-31T00:00:00.000Z' };
const ACTUAL = { ladder: DEFAULT_ESCALATION_LADDER, calendar: OFFICIAL_CALENDAR };
const DUE = '2026-12-07T01:00:00.000Z';

function log(published?: string): DeadlineLog {
  const events: Omit<LoggedEvent, 'revision' | 'streamId'>[] = [
    {
      type: 'RegulationOpened',
      data: {
        officeId: OFFICE,
        name: '南阳市人民政府驻郑州办事处',
        sponsorUnitId: 'henan.nanyang',
        hostCityId: 'zhengzhou',
        retainedAt: '2026-11-30T01:00:00.000Z',
      },
      occurredAt: '2026-11-30T01:00:00.000Z',
    },
    {
      type: 'RegulationDeadlineSet',
      data: {
        officeId: OFFICE,
        deadlineId: `regulation-disclosure.${OFFICE}.2026`,
        duty: 'disclosure',
        subject: '2026',
        dueAt: DUE,
        basis: {
          rule: '五(三)',
          allowed: { workingDays: 5 },
          from: '2026-11-30T01:00:00.000Z',
          calendar: OFFICIAL_CALENDAR.version,
        },
      },
      occurredAt: '2026-11-30T01:00:00.000Z',
    },
    ...(published
      ? [
          {
            type: 'DisclosurePublished',
            data: { officeId: OFFICE, year: 2026, publishedAt: published },
            occurredAt: published,
          },
        ]
      : []),
  ];
  const deadlines = new DeadlineLog(jurisdictions);
  events.forEach((event, revision) =>
    deadlines.add({ ...event, streamId: regulationStreamId(OFFICE), revision }),
  );
  return deadlines;
}

describe("what-if: a retained office's dated duties (五, 六) are replayed with the rest", () => {
  it('a missed disclosure reminds the sponsor’s clerks and climbs the ladder; a longer ladder removes the circulation', () => {
    const report = whatIfReport(log(), {
      actual: ACTUAL,
      variant: { ladder: { 'leading-group': { workingDays: 60 } } },
      period: PERIOD,
      asOf: PERIOD.to,
      jurisdictions,
    });
    expect(report.totals.deadlines).toBe(1);
    const [disclosure] = report.differences;
    expect(disclosure).toMatchObject({
      kind: 'regulation-disclosure',
      unitId: 'henan.nanyang',
      officeId: OFFICE,
    });
    expect(disclosure!.actual.notices.map((n) => [n.step, n.audience])).toEqual([
      ['reminder', ['clerks:henan.nanyang']],
      ['escalation', ['supervisors:henan.nanyang']],
      ['leading-group', ['supervisors:henan.nanyang']],
    ]);
    expect(disclosure!.removed.map((n) => n.step)).toEqual(['leading-group']);
  });

  it('a disclosure published in time sends nothing, under either policy', () => {
    const report = whatIfReport(log('2026-12-04T01:00:00.000Z'), {
      actual: ACTUAL,
      variant: { holidays: ['2026-12-01', '2026-12-02'] },
      period: PERIOD,
      asOf: PERIOD.to,
      jurisdictions,
    });
    expect(report.totals.overdue).toEqual({ actual: 0, variant: 0 });
    // Two holidays push the due date by two working days: counted again from the recorded basis.
    expect(report.differences[0]!.variant.dueAt).toBe('2026-12-09T01:00:00.000Z');
  });
});
