import { JurisdictionCatalog, NANYANG_UNITS } from '@liaison/domain';
import {
  cityOfficeInZhengzhou,
  countyOfficeInZhengzhou,
  officeAbolished,
  officeRuledOn,
  pairedAssistanceOffice,
  retentionForwarded,
  retentionRejected,
  retentionRequested,
  retentionResubmitted,
  retentionReturned,
  uncoveredOffice,
} from '@liaison/domain/testing/office-history';
import { campaignAsOf, type AuditScope, type CampaignAsOfOptions } from './campaign-as-of';
import { RecordedLog } from './testing/recorded-log';

const jurisdictions = new JurisdictionCatalog(NANYANG_UNITS);
const WANCHENG = 'henan.nanyang.wancheng';
const XICHUAN = 'henan.nanyang.xichuan';
const XIXIA = 'henan.nanyang.xixia';
const options = (scope: AuditScope = { kind: 'all' }): CampaignAsOfOptions => ({
  scope,
  jurisdictions,
});
const approver = { actor: 'approver.xichuan', role: 'approver', tier: 'county' };

const NAMES = {
  w1: '宛城区人民政府驻郑州办事处',
  w2: '宛城区人民政府驻郑州联络处',
  x1: '淅川县人民政府驻北京办事处',
  x2: '淅川县人民政府驻北京联络处',
  c1: '南阳市人民政府驻郑州办事处',
};

/** Nanyang's 2015 campaign, three filing units, five offices and one ruling case, and what came after 11-20. */
function campaignLog(): RecordedLog {
  const log = new RecordedLog();
  log.campaign(
    {
      type: 'CampaignLaunched',
      data: {
        campaignId: 'nanyang-2015',
        name: '南阳市清理规范驻省会城市办事机构工作',
        leadUnitId: 'henan.nanyang',
        deadlines: {
          plan: '2015-06-15T16:00:00.000Z',
          'carry-out': '2015-10-31T16:00:00.000Z',
          summary: '2015-11-15T16:00:00.000Z',
        },
        filingUnits: [WANCHENG, XICHUAN, XIXIA],
      },
    },
    '2015-06-01T00:00:00.000Z',
  );
  log.office(
    'o-w1',
    countyOfficeInZhengzhou({ officeId: 'o-w1', name: NAMES.w1 }),
    '2015-06-02T00:00:00.000Z',
  );
  log.office(
    'o-w2',
    countyOfficeInZhengzhou({ officeId: 'o-w2', name: NAMES.w2 }),
    '2015-06-03T00:00:00.000Z',
  );
  log.office(
    'o-x1',
    pairedAssistanceOffice({ officeId: 'o-x1', name: NAMES.x1 }),
    '2015-06-05T00:00:00.000Z',
  );
  log.unit(WANCHENG, 'WorkPlanFiled', '2015-06-10T00:00:00.000Z');
  log.unit(XICHUAN, 'WorkPlanFiled', '2015-06-12T00:00:00.000Z');
  log.campaign(
    {
      type: 'PhaseDeadlineMoved',
      data: {
        campaignId: 'nanyang-2015',
        phase: 'plan',
        from: '2015-06-15T16:00:00.000Z',
        to: '2015-06-30T16:00:00.000Z',
        reason: '延期',
      },
    },
    '2015-06-14T00:00:00.000Z',
  );
  log.office('o-c1', cityOfficeInZhengzhou({ officeId: 'o-c1', name: NAMES.c1 }), '2015-07-01T00:00:00.000Z');
  log.office('o-u1', uncoveredOffice({ officeId: 'o-u1' }), '2015-07-02T00:00:00.000Z');
  log.office(
    'o-x2',
    pairedAssistanceOffice({ officeId: 'o-x2', name: NAMES.x2 }),
    '2015-07-03T00:00:00.000Z',
  );
  log.office('o-x2', retentionRequested('county'), '2015-08-03T02:00:00.000Z');
  log.taskDue('o-x2', 'county', '2015-08-10T02:00:00.000Z', '2015-08-03T02:00:00.000Z');
  log.office('o-x2', retentionRejected('county'), '2015-08-10T02:00:00.000Z', approver);
  log.office('o-w2', officeAbolished(), '2015-09-01T00:00:00.000Z');
  log.office('o-x1', retentionRequested('county'), '2015-09-21T02:00:00.000Z');
  log.taskDue('o-x1', 'county', '2015-09-28T02:00:00.000Z', '2015-09-21T02:00:00.000Z');
  // Monday 28 September + ten working days, over the National Day holiday (1–7 October): Friday 16 October.
  log.office('o-x1', retentionForwarded('county', 'municipal'), '2015-09-28T02:00:00.000Z', approver);
  log.taskDue('o-x1', 'municipal', '2015-10-16T02:00:00.000Z', '2015-09-28T02:00:00.000Z');
  log.unit(WANCHENG, 'WorkSummaryFiled', '2015-11-10T00:00:00.000Z');
  // Monday 16 November + ten working days: Monday 30 November, not yet due on the 20th.
  log.office('o-c1', retentionRequested('municipal'), '2015-11-16T02:00:00.000Z');
  log.taskDue('o-c1', 'municipal', '2015-11-30T02:00:00.000Z', '2015-11-16T02:00:00.000Z');
  // After the instant asked about: none of these counts.
  log.office('o-x1', retentionForwarded('municipal', 'provincial'), '2015-11-25T02:00:00.000Z', approver);
  log.office('o-x3', pairedAssistanceOffice({ officeId: 'o-x3' }), '2015-11-25T03:00:00.000Z');
  log.unit(XIXIA, 'WorkPlanFiled', '2015-11-26T00:00:00.000Z');
  return log;
}

const AT = '2015-11-20T00:00:00.000Z';

describe('the campaign as of an instant', () => {
  it('counts the offices by status and by unit, and lists every overdue item, from the events up to then', async () => {
    const result = await campaignAsOf(campaignLog().events, AT, options());
    expect(result.at).toBe(AT);
    expect(result.offices).toBe(6);
    expect(result.byStatus).toEqual({
      'awaiting-ruling': 1,
      proposed: 1,
      'retention-requested': 2,
      'returned-for-revision': 0,
      retained: 0,
      rejected: 1,
      abolished: 1,
      closed: 0,
    });
    expect(result.byUnit).toEqual({
      [WANCHENG]: { proposed: 1, abolished: 1 },
      [XICHUAN]: { 'retention-requested': 1, rejected: 1 },
      'henan.nanyang': { 'retention-requested': 1 },
      'henan.nanyang.commerce': { 'awaiting-ruling': 1 },
    });
    // The plan's deadline as moved; the others as launched.
    expect(result.deadlines).toEqual({
      plan: '2015-06-30T16:00:00.000Z',
      'carry-out': '2015-10-31T16:00:00.000Z',
      summary: '2015-11-15T16:00:00.000Z',
    });
    expect(result.overdue).toEqual([
      {
        kind: 'work-plan',
        subjectId: XIXIA,
        title: '西峡县',
        unitId: XIXIA,
        dueAt: '2015-06-30T16:00:00.000Z',
      },
      {
        kind: 'task',
        taskKind: 'retention',
        subjectId: 'o-x1',
        title: NAMES.x1,
        unitId: XICHUAN,
        dueAt: '2015-10-16T02:00:00.000Z',
      },
      {
        kind: 'abolition',
        subjectId: 'o-w1',
        title: NAMES.w1,
        unitId: WANCHENG,
        dueAt: '2015-10-31T16:00:00.000Z',
      },
      {
        kind: 'abolition',
        subjectId: 'o-x2',
        title: NAMES.x2,
        unitId: XICHUAN,
        dueAt: '2015-10-31T16:00:00.000Z',
      },
      {
        kind: 'work-summary',
        subjectId: XICHUAN,
        title: '淅川县',
        unitId: XICHUAN,
        dueAt: '2015-11-15T16:00:00.000Z',
      },
      {
        kind: 'work-summary',
        subjectId: XIXIA,
        title: '西峡县',
        unitId: XIXIA,
        dueAt: '2015-11-15T16:00:00.000Z',
      },
    ]);
  });

  it('at an earlier instant, only what had happened and fallen due by then', async () => {
    const result = await campaignAsOf(campaignLog().events, '2015-07-01T12:00:00.000Z', options());
    expect(result.offices).toBe(4);
    expect(result.byStatus).toMatchObject({ proposed: 4, 'awaiting-ruling': 0, abolished: 0 });
    expect(result.byUnit).toEqual({
      [WANCHENG]: { proposed: 2 },
      [XICHUAN]: { proposed: 1 },
      'henan.nanyang': { proposed: 1 },
    });
    expect(result.overdue).toEqual([
      {
        kind: 'work-plan',
        subjectId: XIXIA,
        title: '西峡县',
        unitId: XIXIA,
        dueAt: '2015-06-30T16:00:00.000Z',
      },
    ]);
  });

  it("counts only the offices and filing units within the caller's scope", async () => {
    const within = await campaignAsOf(campaignLog().events, AT, options({ kind: 'within', unitId: XICHUAN }));
    expect(within.offices).toBe(2);
    expect(within.byStatus).toMatchObject({ 'retention-requested': 1, rejected: 1, proposed: 0 });
    expect(within.byUnit).toEqual({ [XICHUAN]: { 'retention-requested': 1, rejected: 1 } });
    expect(within.overdue.map((item) => `${item.kind} ${item.subjectId}`)).toEqual([
      'task o-x1',
      'abolition o-x2',
      `work-summary ${XICHUAN}`,
    ]);
    const none = await campaignAsOf(campaignLog().events, AT, options({ kind: 'none' }));
    expect(none).toMatchObject({ offices: 0, byUnit: {}, overdue: [] });
    expect(none.deadlines.plan).toBe('2015-06-30T16:00:00.000Z');
  });

  it('reads the events streamed as well as from an array', async () => {
    async function* streamed() {
      yield* campaignLog().events;
    }
    expect(await campaignAsOf(streamed(), AT, options())).toEqual(
      await campaignAsOf(campaignLog().events, AT, options()),
    );
  });

  it('before the launch there are no deadlines and nothing is overdue', async () => {
    const log = new RecordedLog();
    log.office('o-w1', countyOfficeInZhengzhou({ officeId: 'o-w1' }), '2015-05-01T00:00:00.000Z');
    expect(await campaignAsOf(log.events, AT, options())).toMatchObject({
      offices: 1,
      deadlines: {},
      overdue: [],
    });
  });
});

describe("a task's due date", () => {
  it('is the one the log recorded when the task opened, as moved since; a task without one is not overdue', async () => {
    const log = new RecordedLog();
    log.office(
      'o-x1',
      pairedAssistanceOffice({ officeId: 'o-x1', name: NAMES.x1 }),
      '2015-06-01T00:00:00.000Z',
    );
    log.office('o-x1', retentionRequested('county'), '2015-06-01T01:00:00.000Z');
    // Written before due dates were recorded: no due date, so nothing to be late for.
    expect((await campaignAsOf(log.events, '2015-07-01T00:00:00.000Z', options())).overdue).toEqual([]);
    log.taskDue('o-x1', 'county', '2015-06-01T02:00:00.000Z', '2015-06-02T00:00:00.000Z');
    const late = { kind: 'task', taskKind: 'retention', subjectId: 'o-x1', title: NAMES.x1, unitId: XICHUAN };
    expect((await campaignAsOf(log.events, '2015-06-03T00:00:00.000Z', options())).overdue).toEqual([
      { ...late, dueAt: '2015-06-01T02:00:00.000Z' },
    ]);
    log.office(
      'o-x1',
      {
        type: 'DeadlineMoved',
        data: { taskId: 'office-1/1', from: '2015-06-01T02:00:00.000Z', to: '2015-06-08T02:00:00.000Z' },
      },
      '2015-06-04T00:00:00.000Z',
    );
    expect((await campaignAsOf(log.events, '2015-06-05T00:00:00.000Z', options())).overdue).toEqual([]);
    expect((await campaignAsOf(log.events, '2015-06-09T00:00:00.000Z', options())).overdue).toEqual([
      { ...late, dueAt: '2015-06-08T02:00:00.000Z' },
    ]);
  });

  it('runs again from a resubmission', async () => {
    const log = new RecordedLog();
    log.office(
      'o-x1',
      pairedAssistanceOffice({ officeId: 'o-x1', name: NAMES.x1 }),
      '2015-06-01T00:00:00.000Z',
    );
    log.office('o-x1', retentionRequested('county'), '2015-06-01T01:00:00.000Z');
    log.taskDue('o-x1', 'county', '2015-06-01T02:00:00.000Z', '2015-06-01T01:00:00.000Z');
    log.office('o-x1', retentionReturned('county'), '2015-06-02T01:00:00.000Z', approver);
    log.office('o-x1', retentionResubmitted('county'), '2015-06-10T01:00:00.000Z');
    log.taskDue('o-x1', 'county', '2015-06-10T02:00:00.000Z', '2015-06-10T01:00:00.000Z');
    const result = await campaignAsOf(log.events, '2015-06-10T03:00:00.000Z', options());
    expect(result.overdue).toEqual([
      {
        kind: 'task',
        taskKind: 'retention',
        subjectId: 'o-x1',
        title: NAMES.x1,
        unitId: XICHUAN,
        dueAt: '2015-06-10T02:00:00.000Z',
      },
    ]);
  });
});

describe('an office the plan does not cover', () => {
  const launched = (log: RecordedLog) =>
    log.campaign(
      {
        type: 'CampaignLaunched',
        data: {
          campaignId: 'nanyang-2015',
          name: '南阳市清理规范驻省会城市办事机构工作',
          leadUnitId: 'henan.nanyang',
          deadlines: {
            plan: '2015-06-15T16:00:00.000Z',
            'carry-out': '2015-10-31T16:00:00.000Z',
            summary: '2015-11-15T16:00:00.000Z',
          },
          filingUnits: [],
        },
      },
      '2015-06-01T00:00:00.000Z',
    );

  it('is overdue as a ruling task once its recorded due date passes; the ruling ends that', async () => {
    const log = new RecordedLog();
    const office = uncoveredOffice({ officeId: 'o-u1' });
    log.office('o-u1', office, '2015-07-01T00:00:00.000Z');
    log.taskDue('o-u1', 'provincial', '2015-07-22T00:00:00.000Z', '2015-07-01T00:00:00.000Z');
    expect((await campaignAsOf(log.events, '2015-07-23T00:00:00.000Z', options())).overdue).toEqual([
      {
        kind: 'task',
        taskKind: 'ruling',
        subjectId: 'o-u1',
        title: office.data.name,
        unitId: 'henan.nanyang.commerce',
        dueAt: '2015-07-22T00:00:00.000Z',
      },
    ]);
    log.office('o-u1', officeRuledOn('retention-may-be-requested', 'municipal'), '2015-07-24T00:00:00.000Z');
    expect((await campaignAsOf(log.events, '2015-07-25T00:00:00.000Z', options())).overdue).toEqual([]);
  });

  it('ruled to be abolished, it is overdue for abolition after the carry-out deadline like any other', async () => {
    const log = new RecordedLog();
    launched(log);
    const office = uncoveredOffice({ officeId: 'o-u1' });
    log.office('o-u1', office, '2015-07-01T00:00:00.000Z');
    log.office('o-u1', officeRuledOn('abolish'), '2015-07-02T00:00:00.000Z');
    expect((await campaignAsOf(log.events, '2015-11-01T00:00:00.000Z', options())).overdue).toEqual([
      {
        kind: 'abolition',
        subjectId: 'o-u1',
        title: office.data.name,
        unitId: 'henan.nanyang.commerce',
        dueAt: '2015-10-31T16:00:00.000Z',
      },
    ]);
  });
});
