import { endOfCstDay, OFFICIAL_CALENDAR } from '../calendar';
import { nanyangCampaign } from '../campaign/phases';
import { DEFAULT_ESCALATION_LADDER } from '../deadline/ladder';
import { officeStreamId } from '../office/events';
import { DECIDED_AT, nanyangContext, UNIT } from '../testing/office-fixtures';
import {
  deadlineSetAt,
  officeRegistered,
  retentionForwarded,
  retentionRequested,
} from '../testing/office-history';
import { DeadlineLog, type LoggedEvent } from './deadline-log';
import { whatIfReport } from './report';
import { checkPeriod, type WhatIfVariant } from './variant';

const { jurisdictions } = nanyangContext();
const OFFICE = 'office-1';
const PERIOD = { from: '2026-11-01T00:00:00.000Z', to: '2027-01-31T00:00:00.000Z' };
const ACTUAL = { ladder: DEFAULT_ESCALATION_LADDER, calendar: OFFICIAL_CALENDAR };
const COUNTY_GROUP = 'approvers:county@henan.nanyang.xichuan';

/** A 三(二) county office with paired assistance: its request waits at the county tier from DECIDED_AT. */
function countyTask(decidedAt?: string): LoggedEvent[] {
  const events = [
    officeRegistered({ sponsor: UNIT.xichuan, host: 'beijing', pairedAssistance: true, officeId: OFFICE }),
    retentionRequested('county'),
    deadlineSetAt(1, 'county'),
    ...(decidedAt ? [retentionForwarded('county', 'municipal')] : []),
  ];
  return events.map((event, revision) => ({
    streamId: officeStreamId(OFFICE),
    revision,
    type: event.type,
    data: event.data,
    occurredAt: revision === 3 ? decidedAt! : DECIDED_AT,
  }));
}

function given(events: LoggedEvent[]) {
  const log = new DeadlineLog(jurisdictions);
  for (const event of events) log.add(event);
  return {
    when: (variant: WhatIfVariant) =>
      whatIfReport(log, { actual: ACTUAL, variant, period: PERIOD, asOf: PERIOD.to, jurisdictions }),
  };
}

describe('what-if: the real log replayed under a variant', () => {
  // Monday 2026-11-30 09:00 CST + 5 working days (the county SLA): due Monday 2026-12-07 09:00.
  const DUE = '2026-12-07T01:00:00.000Z';

  it('a shorter county SLA turns a decision made on time into an overdue one, with its reminder', () => {
    const report = given(countyTask('2026-12-03T01:00:00.000Z')).when({
      sla: { county: { workingDays: 2 } },
    });
    expect(report.differences).toHaveLength(1);
    const [task] = report.differences;
    expect(task).toMatchObject({
      deadlineId: `task.${OFFICE}.1`,
      kind: 'task',
      unitId: UNIT.xichuan,
      tier: 'county',
      actual: { dueAt: DUE, overdue: false, notices: [] },
      variant: { dueAt: '2026-12-02T01:00:00.000Z', overdue: true },
      removed: [],
    });
    // Due Wednesday; the escalation two working days on (Friday) comes after the Thursday decision.
    expect(task!.added).toEqual([
      { step: 'reminder', at: '2026-12-02T01:00:00.000Z', audience: [COUNTY_GROUP] },
    ]);
    expect(report.totals.overdue).toEqual({ actual: 0, variant: 1 });
    expect(report.byUnitTier).toEqual([
      expect.objectContaining({ unitId: UNIT.xichuan, tier: 'county', overdue: { actual: 0, variant: 1 } }),
    ]);
  });

  it('a longer county SLA removes the escalation a late decision actually had', () => {
    // Decided Thursday 12-10: the reminder went out Monday 12-07, the escalation Wednesday 12-09.
    const report = given(countyTask('2026-12-10T01:00:00.000Z')).when({
      sla: { county: { workingDays: 10 } },
    });
    const [task] = report.differences;
    expect(task!.actual.overdue).toBe(true);
    expect(task!.variant).toEqual({ dueAt: '2026-12-14T01:00:00.000Z', overdue: false, notices: [] });
    expect(task!.removed).toEqual([
      { step: 'reminder', at: DUE, audience: [COUNTY_GROUP] },
      { step: 'escalation', at: '2026-12-09T01:00:00.000Z', audience: ['supervisors:henan.nanyang'] },
    ]);
    expect(report.totals.notices.actual).toEqual({ reminder: 1, escalation: 1, 'leading-group': 0 });
    expect(report.totals.notices.variant).toEqual({ reminder: 0, escalation: 0, 'leading-group': 0 });
  });

  it('extra holidays push a working-day due date back', () => {
    const report = given(countyTask()).when({ holidays: ['2026-12-01', '2026-12-02'] });
    expect(report.differences[0]!.variant.dueAt).toBe('2026-12-09T01:00:00.000Z');
  });

  it('a slower ladder sends the leading-group notice later, or not within the period', () => {
    const report = given(countyTask()).when({ ladder: { 'leading-group': { workingDays: 60 } } });
    const [task] = report.differences;
    expect(task!.actual.notices.map((notice) => notice.step)).toEqual([
      'reminder',
      'escalation',
      'leading-group',
    ]);
    expect(task!.removed.map((notice) => notice.step)).toEqual(['leading-group']);
    expect(task!.added).toEqual([]);
  });

  it('a reminder goes to the approver who holds the task at that moment', () => {
    const claimed: LoggedEvent = {
      streamId: officeStreamId(OFFICE),
      revision: 3,
      type: 'TaskClaimed',
      data: { officeId: OFFICE, tier: 'county', assignee: 'approver.xichuan' },
      occurredAt: '2026-12-01T01:00:00.000Z',
    };
    const report = given([...countyTask(), claimed]).when({ sla: { county: { workingDays: 2 } } });
    expect(report.differences[0]!.variant.notices[0]).toEqual({
      step: 'reminder',
      at: '2026-12-02T01:00:00.000Z',
      audience: ['user:approver.xichuan'],
    });
  });

  it('only the deadlines of units in scope', () => {
    const log = new DeadlineLog(jurisdictions);
    for (const event of countyTask()) log.add(event);
    const report = whatIfReport(log, {
      actual: ACTUAL,
      variant: { sla: { county: { workingDays: 2 } } },
      period: PERIOD,
      asOf: PERIOD.to,
      jurisdictions,
      inScope: (unitId) => jurisdictions.isWithin(unitId, 'henan.nanyang.xixia'),
    });
    expect(report.totals.deadlines).toBe(0);
    expect(report.differences).toEqual([]);
  });

  it('the same policy changes nothing', () => {
    const report = given(countyTask('2026-12-10T01:00:00.000Z')).when({});
    expect(report.differences).toEqual([]);
    expect(report.totals.deadlines).toBe(1);
    expect(report.totals.overdue).toEqual({ actual: 1, variant: 1 });
  });

  it('a later plan deadline makes a late work plan on time (七)', () => {
    const campaign = nanyangCampaign();
    const launched: LoggedEvent = {
      streamId: 'campaign',
      revision: 0,
      type: 'CampaignLaunched',
      data: { ...campaign, filingUnits: [UNIT.xichuan] },
      occurredAt: '2015-06-09T01:00:00.000Z',
    };
    const filed: LoggedEvent = {
      streamId: `unit-${UNIT.xichuan}`,
      revision: 0,
      type: 'WorkPlanFiled',
      data: { unitId: UNIT.xichuan },
      occurredAt: '2015-06-17T01:00:00.000Z',
    };
    const log = new DeadlineLog(jurisdictions);
    log.add(launched);
    log.add(filed);
    const period = { from: '2015-06-01T00:00:00.000Z', to: '2015-06-30T00:00:00.000Z' };
    const report = whatIfReport(log, {
      actual: ACTUAL,
      variant: { phaseDeadlines: { plan: endOfCstDay('2015-06-20').toISOString() } },
      period,
      asOf: period.to,
      jurisdictions,
    });
    expect(report.differences).toEqual([
      expect.objectContaining({
        deadlineId: `work-plan.${UNIT.xichuan}`,
        actual: expect.objectContaining({ overdue: true }),
        variant: { dueAt: '2015-06-20T16:00:00.000Z', overdue: false, notices: [] },
        removed: [{ step: 'reminder', at: '2015-06-15T16:00:00.000Z', audience: [`clerks:${UNIT.xichuan}`] }],
      }),
    ]);
  });

  it('refuses a period that ends before it starts, or is too long, naming the field', () => {
    expect(() => checkPeriod({ from: PERIOD.to, to: PERIOD.from })).toThrow(/to must be after from/);
    expect(() => checkPeriod({ from: '2015-01-01T00:00:00Z', to: '2017-01-01T00:00:00Z' })).toThrow(
      /at most/,
    );
  });
});
