import type { RecordedEvent } from '@liaison/event-store';
import { campaignAsOf } from '../audit/campaign-as-of';
import { cityReport } from './city-report';
import { AT, campaign, CITY, COMMERCE, options, XICHUAN } from './testing/report-campaign';

/** The log handed over page by page, as `readLog` streams it from the store, counting what has been read. */
async function* paged(events: readonly RecordedEvent[], pageSize: number, read: { count: number }) {
  for (let start = 0; start < events.length; start += pageSize) {
    await Promise.resolve();
    for (const event of events.slice(start, start + pageSize)) {
      read.count += 1;
      yield event;
    }
  }
}

const MOVED_SUMMARY = '2015-11-22T16:00:00.000Z';

describe("the city's report folded in one streaming pass", () => {
  it('gives the same report from the log streamed page by page as from the whole log at once', async () => {
    const { events } = campaign();
    const read = { count: 0 };
    const streamed = await cityReport(paged(events, 3, read), AT, options);
    expect(read.count).toBe(events.length);
    expect(streamed).toEqual(await cityReport(events, AT, options));
  });

  it('finds overdue what the campaign as of the same instant finds, for the city', async () => {
    for (const at of ['2015-07-05T00:00:00.000Z', '2015-11-20T00:00:00.000Z', AT]) {
      const { events } = campaign();
      const report = await cityReport(events, at, options);
      const asOf = await campaignAsOf(events, at, {
        scope: { kind: 'within', unitId: CITY },
        jurisdictions: options.jurisdictions,
      });
      expect(report.overdue).toEqual(asOf.overdue);
    }
  });

  it('counts filings against the summary deadline as moved, and shows the moved steps and each inspection due', async () => {
    const log = campaign();
    log.campaign(
      {
        type: 'PhaseDeadlineMoved',
        data: {
          campaignId: 'nanyang-2015',
          phase: 'summary',
          from: '2015-11-15T16:00:00.000Z',
          to: MOVED_SUMMARY,
          reason: '省局通知延期一周',
        },
      },
      '2015-11-12T00:00:00.000Z',
    );
    const basis = { rule: 'report-sla' as const, allowed: { workingDays: 5 }, calendar: 'cn-2015' };
    log.append(
      `report-${CITY}`,
      {
        type: 'ReportDeadlineMoved',
        data: {
          cityId: CITY,
          deadlineId: `report-inspection.${CITY}`,
          step: 'inspection',
          from: '2015-11-22T16:00:00.000Z',
          to: '2015-11-29T16:00:00.000Z',
          reason: '省局通知延期一周',
          basis: { ...basis, from: MOVED_SUMMARY },
        },
      },
      '2015-11-12T00:00:00.000Z',
    );
    log.append(
      `report-${CITY}`,
      {
        type: 'SummaryInspectionDeadlineSet',
        data: {
          cityId: CITY,
          unitId: XICHUAN,
          deadlineId: `report-summary-inspection.${XICHUAN}`,
          summaryFiledAt: '2015-11-25T02:00:00.000Z',
          dueAt: '2015-12-02T02:00:00.000Z',
          basis: { ...basis, rule: 'inspection-sla', from: '2015-11-25T02:00:00.000Z' },
        },
      },
      '2015-11-25T02:00:00.000Z',
    );
    const report = await cityReport(log.events, AT, options);
    const byId = Object.fromEntries(report.units.map((unit) => [unit.unitId, unit]));
    // Filed on 20 November: late by the plan's date, on time by the moved one.
    expect(byId[XICHUAN]!.workSummary?.status).toBe('on-time');
    expect(byId[XICHUAN]!.inspection).toMatchObject({
      status: 'awaiting-inspection',
      dueAt: '2015-12-02T02:00:00.000Z',
    });
    expect(report.overdue.find((item) => item.subjectId === COMMERCE)?.dueAt).toBe(MOVED_SUMMARY);
    expect(report.steps[0]).toEqual({
      step: 'inspection',
      dueAt: '2015-11-29T16:00:00.000Z',
      status: 'overdue',
    });
  });
});
