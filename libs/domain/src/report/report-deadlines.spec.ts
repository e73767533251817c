import { OFFICIAL_CALENDAR } from '../calendar';
import { InvalidCommand } from '../errors';
import { JurisdictionCatalog } from '../jurisdiction';
import { NANYANG_UNITS } from '../nanyang';
import { givenWhenThen } from '../testing/given-when-then';
import type { MoveReportDeadlines, OpenCityReport, ScheduleSummaryInspection } from './commands';
import { reportDecider } from './decide';
import type { ReportEvent, SummaryInspected } from './events';
import { initialState, summaryInspectionDone } from './state';

const catalog = new JurisdictionCatalog(NANYANG_UNITS);
const FIVE = { workingDays: 5 };
const decider = reportDecider(catalog, { allowed: FIVE, calendar: OFFICIAL_CALENDAR });
const { given } = givenWhenThen(decider);

const CITY = 'henan.nanyang';
const XICHUAN = 'henan.nanyang.xichuan';
const TANGHE = 'henan.nanyang.tanghe';
const NOW = '2015-11-18T02:00:00.000Z';
/** Monday 16 November 2015, 00:00 in Beijing: the plan's summary deadline. */
const SUMMARY_DUE = '2015-11-15T16:00:00.000Z';
/** A week later: Monday 23 November, 00:00 in Beijing. */
const MOVED_DUE = '2015-11-22T16:00:00.000Z';
const basis = (from: string) => ({
  rule: 'report-sla' as const,
  allowed: FIVE,
  from,
  calendar: OFFICIAL_CALENDAR.version,
});

const openCmd: OpenCityReport = {
  type: 'OpenCityReport',
  data: {
    cityId: CITY,
    campaignId: 'nanyang-2015',
    filingUnits: [TANGHE, XICHUAN],
    summaryDueAt: SUMMARY_DUE,
  },
};
const opened: ReportEvent[] = decider.decide(openCmd, initialState());

function moveCmd(summaryDueAt: string, reason = '省局通知延期一周'): MoveReportDeadlines {
  return {
    type: 'MoveReportDeadlines',
    data: { cityId: CITY, summaryDueAt, reason },
    metadata: { now: NOW },
  };
}
function scheduleCmd(unitId: string, summaryFiledAt: string): ScheduleSummaryInspection {
  return {
    type: 'ScheduleSummaryInspection',
    data: { cityId: CITY, unitId, summaryFiledAt },
    metadata: { now: NOW },
  };
}
function inspected(
  unitId: string,
  verdict: 'accepted' | 'returned',
  summaryFiledAt: string,
): SummaryInspected {
  return {
    type: 'SummaryInspected',
    data: {
      cityId: CITY,
      unitId,
      verdict,
      comment: verdict === 'returned' ? '补充资产处置' : '',
      summaryFiledAt,
      inspectedAt: NOW,
    },
  };
}
function moved(
  step: 'inspection' | 'review' | 'submission',
  from: string,
  to: string,
  basisFrom: string,
): ReportEvent {
  return {
    type: 'ReportDeadlineMoved',
    data: {
      cityId: CITY,
      deadlineId: `report-${step}.${CITY}`,
      step,
      from,
      to,
      reason: '省局通知延期一周',
      basis: basis(basisFrom),
    },
  };
}

describe("the report's deadlines follow the campaign (七, 七(三))", () => {
  describe('when the summary deadline moves', () => {
    it('moves every step a week on, each counted again from the one before, with the reason', () => {
      given(...opened)
        .when(moveCmd(MOVED_DUE))
        .then(
          moved('inspection', '2015-11-22T16:00:00.000Z', '2015-11-29T16:00:00.000Z', MOVED_DUE),
          moved('review', '2015-11-29T16:00:00.000Z', '2015-12-06T16:00:00.000Z', '2015-11-29T16:00:00.000Z'),
          moved(
            'submission',
            '2015-12-06T16:00:00.000Z',
            '2015-12-13T16:00:00.000Z',
            '2015-12-06T16:00:00.000Z',
          ),
        );
    });
    it('the state then holds the moved due dates', () => {
      const events = decider.decide(moveCmd(MOVED_DUE), given(...opened).state);
      const { state } = given(...opened)
        .when(moveCmd(MOVED_DUE))
        .then(...events);
      expect(state.deadlines).toEqual({
        inspection: '2015-11-29T16:00:00.000Z',
        review: '2015-12-06T16:00:00.000Z',
        submission: '2015-12-13T16:00:00.000Z',
      });
    });
    it('records nothing when the report is already counted from that deadline (a retry, or the start-up catch-up)', () => {
      given(...opened)
        .when(moveCmd(SUMMARY_DUE))
        .then();
      const first = decider.decide(moveCmd(MOVED_DUE), given(...opened).state);
      given(...opened, ...first)
        .when(moveCmd(MOVED_DUE))
        .then();
    });
    it('leaves a step already done where it was: only the review and the submission move once every summary is accepted', () => {
      given(...opened, inspected(TANGHE, 'accepted', NOW), inspected(XICHUAN, 'accepted', NOW))
        .when(moveCmd(MOVED_DUE))
        .then(
          moved('review', '2015-11-29T16:00:00.000Z', '2015-12-06T16:00:00.000Z', '2015-11-29T16:00:00.000Z'),
          moved(
            'submission',
            '2015-12-06T16:00:00.000Z',
            '2015-12-13T16:00:00.000Z',
            '2015-12-06T16:00:00.000Z',
          ),
        );
    });
    it('keeps the time each step was given when set, whatever the service is configured with now', () => {
      const longer = reportDecider(catalog, { allowed: { workingDays: 10 }, calendar: OFFICIAL_CALENDAR });
      const state = opened.reduce(longer.evolve, longer.initialState());
      expect(longer.decide(moveCmd(MOVED_DUE), state)[0]).toEqual(
        moved('inspection', '2015-11-22T16:00:00.000Z', '2015-11-29T16:00:00.000Z', MOVED_DUE),
      );
    });
    it('records nothing before the report opens or once it went to the province', () => {
      given().when(moveCmd(MOVED_DUE)).then();
      given(...opened, {
        type: 'CityReportSubmitted',
        data: { cityId: CITY, provinceId: 'henan', submittedAt: NOW },
      })
        .when(moveCmd(MOVED_DUE))
        .then();
    });
    it('refuses a move to no date, naming the field', () => {
      given(...opened)
        .when(moveCmd('next week'))
        .thenThrows(InvalidCommand, { field: 'summaryDueAt' });
    });
  });

  describe("when a unit files its summary, the Bureau's inspection of it falls due", () => {
    const FILED = '2015-11-10T02:00:00.000Z';
    const REFILED = '2015-11-19T02:00:00.000Z';
    const due = (unitId: string, summaryFiledAt: string, dueAt: string, allowed = FIVE): ReportEvent => ({
      type: 'SummaryInspectionDeadlineSet',
      data: {
        cityId: CITY,
        unitId,
        deadlineId: `report-summary-inspection.${unitId}`,
        summaryFiledAt,
        dueAt,
        basis: { rule: 'inspection-sla', allowed, from: summaryFiledAt, calendar: OFFICIAL_CALENDAR.version },
      },
    });

    it('five working days after the filing (Tuesday 10 November → Tuesday 17 November)', () => {
      given(...opened)
        .when(scheduleCmd(XICHUAN, FILED))
        .then(due(XICHUAN, FILED, '2015-11-17T02:00:00.000Z'));
    });
    it('after the time set for inspections when the service gives one', () => {
      const { given: givenTwo } = givenWhenThen(
        reportDecider(catalog, {
          allowed: FIVE,
          inspectionAllowed: { workingDays: 2 },
          calendar: OFFICIAL_CALENDAR,
        }),
      );
      givenTwo(...opened)
        .when(scheduleCmd(XICHUAN, FILED))
        .then(due(XICHUAN, FILED, '2015-11-12T02:00:00.000Z', { workingDays: 2 }));
    });
    it('once per filing: the same filing records nothing, a summary filed again after a return falls due again', () => {
      const first = due(XICHUAN, FILED, '2015-11-17T02:00:00.000Z');
      given(...opened, first)
        .when(scheduleCmd(XICHUAN, FILED))
        .then();
      given(...opened, first, inspected(XICHUAN, 'returned', FILED))
        .when(scheduleCmd(XICHUAN, REFILED))
        .then(due(XICHUAN, REFILED, '2015-11-26T02:00:00.000Z'));
    });
    it('is done when that filing is inspected, accepted or returned, and open again once filed again', () => {
      const first = due(XICHUAN, FILED, '2015-11-17T02:00:00.000Z');
      expect(summaryInspectionDone(given(...opened, first).state, XICHUAN)).toBe(false);
      const returned = given(...opened, first, inspected(XICHUAN, 'returned', FILED));
      expect(summaryInspectionDone(returned.state, XICHUAN)).toBe(true);
      const again = given(
        ...opened,
        first,
        inspected(XICHUAN, 'returned', FILED),
        due(XICHUAN, REFILED, '2015-11-26T02:00:00.000Z'),
      );
      expect(summaryInspectionDone(again.state, XICHUAN)).toBe(false);
    });
    it("refuses a unit that is not one of the city's filing units, and falls due for nothing before the report opens", () => {
      given(...opened)
        .when(scheduleCmd('henan.zhengzhou', FILED))
        .thenThrows(InvalidCommand, { field: 'unitId', ruleId: '七(三)' });
      given().when(scheduleCmd(XICHUAN, FILED)).then();
    });
  });
});
