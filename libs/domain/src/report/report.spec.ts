import { OFFICIAL_CALENDAR } from '../calendar';
import { InvalidCommand, InvalidTransition } from '../errors';
import { JurisdictionCatalog } from '../jurisdiction';
import { NANYANG_UNITS } from '../nanyang';
import { givenWhenThen } from '../testing/given-when-then';
import type { InspectSummary, ReviewCityReport } from './commands';
import { reportDecider } from './decide';
import type { CityReportReviewed, ReportEvent, SummaryInspected } from './events';
import { reportStepDone } from './state';

const catalog = new JurisdictionCatalog(NANYANG_UNITS);
const { given } = givenWhenThen(
  reportDecider(catalog, { allowed: { workingDays: 5 }, calendar: OFFICIAL_CALENDAR }),
);

const CITY = 'henan.nanyang';
const XICHUAN = 'henan.nanyang.xichuan';
const TANGHE = 'henan.nanyang.tanghe';
const FILED = '2015-11-10T02:00:00.000Z';
const NOW = '2015-11-18T02:00:00.000Z';
const basis = {
  rule: 'report-sla' as const,
  allowed: { workingDays: 5 },
  calendar: OFFICIAL_CALENDAR.version,
};

const opened: ReportEvent[] = [
  {
    type: 'CityReportOpened',
    data: {
      cityId: CITY,
      campaignId: 'nanyang-2015',
      filingUnits: [TANGHE, XICHUAN],
      summaryDueAt: '2015-11-15T16:00:00.000Z',
    },
  },
  {
    type: 'ReportDeadlineSet',
    data: {
      cityId: CITY,
      deadlineId: `report-inspection.${CITY}`,
      step: 'inspection',
      dueAt: '2015-11-22T16:00:00.000Z',
      basis: { ...basis, from: '2015-11-15T16:00:00.000Z' },
    },
  },
  {
    type: 'ReportDeadlineSet',
    data: {
      cityId: CITY,
      deadlineId: `report-review.${CITY}`,
      step: 'review',
      dueAt: '2015-11-29T16:00:00.000Z',
      basis: { ...basis, from: '2015-11-22T16:00:00.000Z' },
    },
  },
  {
    type: 'ReportDeadlineSet',
    data: {
      cityId: CITY,
      deadlineId: `report-submission.${CITY}`,
      step: 'submission',
      dueAt: '2015-12-06T16:00:00.000Z',
      basis: { ...basis, from: '2015-11-29T16:00:00.000Z' },
    },
  },
];

function inspectCmd(
  unitId: string,
  verdict: 'accepted' | 'returned',
  comment = '',
  summaryFiledAt: string | null = FILED,
): InspectSummary {
  return {
    type: 'InspectSummary',
    data: { cityId: CITY, unitId, verdict, comment, summaryFiledAt },
    metadata: { now: NOW },
  };
}
function inspected(
  unitId: string,
  verdict: 'accepted' | 'returned',
  comment = '',
  summaryFiledAt = FILED,
): SummaryInspected {
  return {
    type: 'SummaryInspected',
    data: { cityId: CITY, unitId, verdict, comment, summaryFiledAt, inspectedAt: NOW },
  };
}
function reviewCmd(
  decision: 'approved' | 'returned',
  summaries: Record<string, string>,
  comment = '',
): ReviewCityReport {
  return {
    type: 'ReviewCityReport',
    data: { cityId: CITY, decision, comment, summaries },
    metadata: { now: NOW },
  };
}
const approved: CityReportReviewed = {
  type: 'CityReportReviewed',
  data: { cityId: CITY, decision: 'approved', comment: '同意上报', reviewedAt: NOW },
};
const submit = { type: 'SubmitCityReport' as const, data: { cityId: CITY }, metadata: { now: NOW } };

describe("the city's report (七(三))", () => {
  describe('opening', () => {
    it('records the filing units and a deadline for each step, five working days after the one before (Monday 16 November 00:00 in Beijing, then each Monday after)', () => {
      given()
        .when({
          type: 'OpenCityReport',
          data: {
            cityId: CITY,
            campaignId: 'nanyang-2015',
            filingUnits: [TANGHE, XICHUAN],
            summaryDueAt: '2015-11-15T16:00:00.000Z',
          },
        })
        .then(...opened);
    });
    it('opens once: a second opening decides nothing', () => {
      given(...opened)
        .when({
          type: 'OpenCityReport',
          data: {
            cityId: CITY,
            campaignId: 'nanyang-2015',
            filingUnits: [],
            summaryDueAt: '2016-01-01T00:00:00Z',
          },
        })
        .then();
    });
    it('only a city has a report', () => {
      given()
        .when({
          type: 'OpenCityReport',
          data: { cityId: XICHUAN, campaignId: 'x', filingUnits: [], summaryDueAt: '2015-11-15T16:00:00Z' },
        })
        .thenThrows(InvalidCommand, { field: 'cityId', ruleId: '七(三)', message: 'is not a city' });
    });
  });

  describe("the Bureau's inspection", () => {
    it('accepts a filed summary', () => {
      given(...opened)
        .when(inspectCmd(XICHUAN, 'accepted', '符合要求'))
        .then(inspected(XICHUAN, 'accepted', '符合要求'));
    });
    it('returns a summary with a comment', () => {
      given(...opened)
        .when(inspectCmd(XICHUAN, 'returned', '资产处置情况不全'))
        .then(inspected(XICHUAN, 'returned', '资产处置情况不全'));
    });
    it('refuses to return a summary without a comment', () => {
      given(...opened)
        .when(inspectCmd(XICHUAN, 'returned', '  '))
        .thenThrows(InvalidCommand, { field: 'comment', ruleId: '七(三)' });
    });
    it('refuses to inspect a summary that was never filed', () => {
      given(...opened)
        .when(inspectCmd(XICHUAN, 'accepted', '', null))
        .thenThrows(InvalidTransition, { ruleId: '七(三)', status: 'no-summary' });
    });
    it('inspects only the filing units’ summaries', () => {
      given(...opened)
        .when(inspectCmd('henan.nanyang.xichuan.commerce', 'accepted'))
        .thenThrows(InvalidCommand, { field: 'unitId', ruleId: '七(三)' });
    });
    it('inspecting the same filing the same way again records nothing; the other way is refused', () => {
      given(...opened, inspected(XICHUAN, 'accepted'))
        .when(inspectCmd(XICHUAN, 'accepted'))
        .then();
      given(...opened, inspected(XICHUAN, 'returned', '补充'))
        .when(inspectCmd(XICHUAN, 'accepted'))
        .thenThrows(InvalidTransition, { ruleId: '七(三)', status: 'returned' });
    });
    it('a returned summary filed again is inspected again', () => {
      const refiled = '2015-11-19T02:00:00.000Z';
      given(...opened, inspected(XICHUAN, 'returned', '补充'))
        .when(inspectCmd(XICHUAN, 'accepted', '', refiled))
        .then(inspected(XICHUAN, 'accepted', '', refiled));
    });
    it('nothing is inspected before the campaign opens the report', () => {
      given().when(inspectCmd(XICHUAN, 'accepted')).thenThrows(InvalidTransition, { status: 'unopened' });
    });
  });

  describe("the municipal government's review", () => {
    it('waits until the Bureau has accepted every summary on file', () => {
      given(...opened, inspected(XICHUAN, 'accepted'))
        .when(reviewCmd('approved', { [XICHUAN]: FILED, [TANGHE]: FILED }))
        .thenThrows(InvalidTransition, {
          ruleId: '七(三)',
          status: 'summaries-not-accepted',
          message: TANGHE,
        });
    });
    it('a summary filed again since its acceptance is inspected again first', () => {
      given(...opened, inspected(XICHUAN, 'accepted'))
        .when(reviewCmd('approved', { [XICHUAN]: '2015-11-19T00:00:00.000Z' }))
        .thenThrows(InvalidTransition, {
          ruleId: '七(三)',
          status: 'summaries-not-accepted',
          message: XICHUAN,
        });
    });
    it('approves the report', () => {
      given(...opened, inspected(XICHUAN, 'accepted'))
        .when(reviewCmd('approved', { [XICHUAN]: FILED }, '同意上报'))
        .then(approved);
    });
    it('returns it to the Bureau with a comment, and not without', () => {
      given(...opened)
        .when(reviewCmd('returned', {}, '请核实资产数据'))
        .then({
          type: 'CityReportReviewed',
          data: { cityId: CITY, decision: 'returned', comment: '请核实资产数据', reviewedAt: NOW },
        });
      given(...opened)
        .when(reviewCmd('returned', {}))
        .thenThrows(InvalidCommand, { field: 'comment', ruleId: '七(三)' });
    });
    it('a summary returned after the approval takes the approval back', () => {
      const { state } = given(...opened, inspected(XICHUAN, 'accepted'), approved)
        .when(inspectCmd(XICHUAN, 'returned', '数据有误', '2015-11-19T00:00:00.000Z'))
        .then(inspected(XICHUAN, 'returned', '数据有误', '2015-11-19T00:00:00.000Z'));
      expect(state.review).toBeUndefined();
    });
  });

  describe('submission to the provincial Bureau', () => {
    it('needs the government’s approval', () => {
      given(...opened)
        .when(submit)
        .thenThrows(InvalidTransition, { ruleId: '七(三)', status: 'not-reviewed' });
    });
    it('sends the approved report to the province', () => {
      given(...opened, approved)
        .when(submit)
        .then({ type: 'CityReportSubmitted', data: { cityId: CITY, provinceId: 'henan', submittedAt: NOW } });
    });
    it('submitting again records nothing, and a submitted report no longer changes', () => {
      const sent: ReportEvent = {
        type: 'CityReportSubmitted',
        data: { cityId: CITY, provinceId: 'henan', submittedAt: NOW },
      };
      given(...opened, approved, sent)
        .when(submit)
        .then();
      given(...opened, approved, sent)
        .when(inspectCmd(XICHUAN, 'accepted'))
        .thenThrows(InvalidTransition, { ruleId: '七(三)', status: 'submitted' });
    });
  });

  describe('deadlines on the escalation ladder', () => {
    it('each step is met in turn', () => {
      const at = (...events: ReportEvent[]) => given(...opened, ...events).state;
      expect(reportStepDone(at(), 'inspection')).toBe(false);
      expect(reportStepDone(at(inspected(XICHUAN, 'accepted')), 'inspection')).toBe(false);
      const all = at(inspected(XICHUAN, 'accepted'), inspected(TANGHE, 'accepted'));
      expect([reportStepDone(all, 'inspection'), reportStepDone(all, 'review')]).toEqual([true, false]);
      const reviewed = at(approved);
      expect([reportStepDone(reviewed, 'review'), reportStepDone(reviewed, 'submission')]).toEqual([
        true,
        false,
      ]);
      const sent = at(approved, {
        type: 'CityReportSubmitted',
        data: { cityId: CITY, provinceId: 'henan', submittedAt: NOW },
      });
      expect(reportStepDone(sent, 'submission')).toBe(true);
    });
  });
});
