import { cityReport } from './city-report';
import { AT, campaign, CITY, COMMERCE, options, WANCHENG, XICHUAN } from './testing/report-campaign';

describe("the city's report (汇总全市, 七(三)): a fold of the log", () => {
  it('counts the offices by sponsor kind, host, required outcome and standing, for the city and each unit', async () => {
    const { city, units } = await cityReport(campaign().events, AT, options);
    expect(city.offices).toEqual({
      offices: 5,
      bySponsorKind: {
        'municipal-government': 1,
        'municipal-department': 1,
        'county-government': 2,
        'county-department': 1,
      },
      // Zhengzhou (o1, o2, o5); Beijing; Shenzhen is a city with separate planning status before it is an SEZ.
      byHost: {
        'home-capital': 3,
        'other-capital': 1,
        'separately-planned-city': 1,
        'special-economic-zone': 0,
      },
      byRequiredOutcome: { abolish: 2, 'retain-or-abolish': 2, 'ruling-required': 1 },
      byStanding: { abolished: 0, closed: 1, retained: 1, rejected: 1, pending: 1, 'awaiting-ruling': 1 },
    });
    // The city's own government first, then the filing units; 淅川县 counts its department's office.
    expect(units.map((unit) => [unit.unitId, unit.offices.offices])).toEqual([
      [CITY, 1],
      [COMMERCE, 1],
      [WANCHENG, 1],
      [XICHUAN, 2],
    ]);
    const xichuan = units.find((unit) => unit.unitId === XICHUAN)!;
    expect(xichuan.offices.bySponsorKind).toEqual({
      'municipal-government': 0,
      'municipal-department': 0,
      'county-government': 1,
      'county-department': 1,
    });
    expect(xichuan.offices.byStanding).toMatchObject({ rejected: 1, pending: 1 });
  });

  it('counts the assets by kind and disposal, with book values and what the auction brought the treasury', async () => {
    const { city, units } = await cityReport(campaign().events, AT, options);
    expect(city.assets).toEqual({
      total: { count: 4, bookValue: 3_200_000 + 180_000 + 5_400_000 + 180_000 },
      byKind: {
        land: { count: 1, bookValue: 3_200_000 },
        building: { count: 1, bookValue: 5_400_000 },
        vehicle: { count: 2, bookValue: 360_000 },
        other: { count: 0, bookValue: 0 },
      },
      byMethod: {
        transfer: { count: 1, bookValue: 3_200_000, value: 3_200_000 },
        reallocation: { count: 0, bookValue: 0, value: 0 },
        'public-auction': { count: 1, bookValue: 180_000, value: 150_000 },
        'write-off': { count: 0, bookValue: 0, value: 0 },
        undisposed: { count: 2, bookValue: 5_580_000, value: 0 },
      },
      proceedsToTreasury: 150_000,
    });
    expect(units.find((unit) => unit.unitId === WANCHENG)!.assets.proceedsToTreasury).toBe(150_000);
    expect(city.staff).toEqual({
      total: 4,
      byPlacement: { 'returned-to-sponsor': 1, transferred: 0, retired: 1, 'contract-ended': 0, unplaced: 2 },
    });
  });

  it('says which filings came on time, late or not at all, and where each summary stands with the Bureau', async () => {
    const { city, units } = await cityReport(campaign().events, AT, options);
    expect(city.filings).toEqual({
      workPlan: { 'on-time': 2, late: 1, missing: 0, 'not-yet-due': 0 },
      workSummary: { 'on-time': 1, late: 1, missing: 1, 'not-yet-due': 0 },
    });
    const byId = Object.fromEntries(units.map((unit) => [unit.unitId, unit]));
    expect(byId[CITY]!.workSummary).toBeUndefined();
    expect(byId[WANCHENG]!.inspection).toEqual({
      status: 'accepted',
      comment: null,
      inspectedAt: '2015-11-21T02:00:00.000Z',
      dueAt: null,
    });
    expect(byId[XICHUAN]!.workSummary).toEqual({
      firstFiledAt: '2015-11-20T02:00:00.000Z',
      lastFiledAt: '2015-11-25T02:00:00.000Z',
      status: 'late',
    });
    // Filed again after the return: waiting for the Bureau again, the return's comment still shown.
    expect(byId[XICHUAN]!.inspection).toMatchObject({
      status: 'awaiting-inspection',
      comment: '资产处置情况不全',
    });
    expect(byId[COMMERCE]!.inspection?.status).toBe('not-filed');
  });

  it('lists what is overdue, the notices sent, the circulation list and the report steps', async () => {
    const result = await cityReport(campaign().events, AT, options);
    expect(result.overdue.map((item) => [item.kind, item.subjectId])).toEqual([
      ['abolition', 'o3'],
      ['abolition', 'o5'],
      ['work-summary', COMMERCE],
    ]);
    expect(result.notices).toEqual({ reminder: 1, escalation: 1, 'leading-group': 1 });
    expect(result.circulation).toEqual([
      {
        deadlineId: `work-summary.${COMMERCE}`,
        kind: 'work-summary',
        subjectId: COMMERCE,
        unitId: COMMERCE,
        title: '南阳市商务局',
        dueAt: '2015-11-15T16:00:00.000Z',
        listedAt: '2015-11-23T02:00:00.000Z',
      },
    ]);
    expect(result.steps).toEqual([
      { step: 'inspection', dueAt: '2015-11-22T16:00:00.000Z', status: 'overdue' },
      { step: 'review', dueAt: '2015-11-29T16:00:00.000Z', status: 'overdue' },
      { step: 'submission', dueAt: '2015-12-06T16:00:00.000Z', status: 'pending' },
    ]);
    expect([result.review, result.submission]).toEqual([null, null]);
  });

  it('agrees with its own office list', async () => {
    const result = await cityReport(campaign().events, AT, options);
    expect(result.offices.map((office) => [office.officeId, office.unitId, office.standing])).toEqual([
      ['o2', CITY, 'retained'],
      ['o4', COMMERCE, 'awaiting-ruling'],
      ['o1', WANCHENG, 'closed'],
      ['o3', XICHUAN, 'rejected'],
      ['o5', XICHUAN, 'pending'],
    ]);
    const sum = (pick: (office: (typeof result.offices)[number]) => number) =>
      result.offices.reduce((total, office) => total + pick(office), 0);
    expect(sum(() => 1)).toBe(result.city.offices.offices);
    expect(sum((office) => office.bookValue)).toBe(result.city.assets.total.bookValue);
    expect(sum((office) => office.proceeds)).toBe(result.city.assets.proceedsToTreasury);
    expect(sum((office) => office.staff)).toBe(result.city.staff.total);
  });

  it('as of an earlier instant, counts only what had happened by then, and reproduces exactly', async () => {
    const log = campaign();
    const july = await cityReport(log.events, '2015-07-05T00:00:00.000Z', options);
    expect(july.city.offices.byStanding).toEqual({
      abolished: 1,
      closed: 0,
      retained: 0,
      rejected: 0,
      pending: 3,
      'awaiting-ruling': 1,
    });
    expect(july.city.filings.workSummary['not-yet-due']).toBe(3);
    expect(july.overdue).toEqual([]);
    log.unit(COMMERCE, 'WorkSummaryFiled', '2015-12-02T00:00:00.000Z');
    expect(await cityReport(log.events, AT, options)).toEqual(
      await cityReport(campaign().events, AT, options),
    );
  });
});
