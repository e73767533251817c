import {
  decideCampaign,
  demoCampaign,
  evolveCampaign,
  filingUnits,
  initialCampaignState,
  nanyangCampaign,
  type CampaignCommand,
  type CampaignEvent,
} from './campaign';
import { InvalidCommand, InvalidTransition } from './errors';
import { JurisdictionCatalog } from './jurisdiction';
import { NANYANG_UNITS } from './nanyang';
import { decideUnit, evolveUnit, initialUnitState, type UnitCommand, type UnitEvent } from './unit';

const catalog = new JurisdictionCatalog(NANYANG_UNITS);

function campaignGiven(...events: CampaignEvent[]) {
  const state = events.reduce(evolveCampaign, initialCampaignState());
  return { when: (command: CampaignCommand) => () => decideCampaign(command, state, catalog) };
}

function unitGiven(...events: UnitEvent[]) {
  const state = events.reduce(evolveUnit, initialUnitState());
  return { when: (command: UnitCommand) => () => decideUnit(command, state, catalog) };
}

const launched: CampaignEvent = {
  type: 'CampaignLaunched',
  data: { ...nanyangCampaign(), filingUnits: filingUnits(catalog, 'henan.nanyang') },
};

describe('the campaign (七)', () => {
  it("launches Nanyang's plan with its three deadlines, ending at midnight Beijing time", () => {
    const [event] = campaignGiven().when({ type: 'LaunchCampaign', data: nanyangCampaign() })();
    expect(event!.type).toBe('CampaignLaunched');
    expect(event!.data).toMatchObject({
      deadlines: {
        plan: '2015-06-15T16:00:00.000Z',
        'carry-out': '2015-10-31T16:00:00.000Z',
        summary: '2015-11-15T16:00:00.000Z',
      },
    });
  });

  it('makes every county-level unit and municipal department but the Bureau file', () => {
    const units = filingUnits(catalog, 'henan.nanyang');
    expect(units).toContain('henan.nanyang.xichuan');
    expect(units).toContain('henan.nanyang.commerce');
    expect(units).not.toContain('henan.nanyang.bureau');
    expect(units).not.toContain('henan.nanyang.xichuan.commerce');
  });

  it('launches once: a second launch decides nothing', () => {
    expect(campaignGiven(launched).when({ type: 'LaunchCampaign', data: nanyangCampaign() })()).toEqual([]);
  });

  it('moves a phase deadline, recording where from and why', () => {
    const moved = campaignGiven(launched).when({
      type: 'MovePhaseDeadline',
      data: { phase: 'summary', to: '2015-11-20T16:00:00+08:00', reason: '省局通知延期' },
    })();
    expect(moved).toEqual([
      {
        type: 'PhaseDeadlineMoved',
        data: {
          campaignId: 'nanyang-2015',
          phase: 'summary',
          from: '2015-11-15T16:00:00.000Z',
          to: '2015-11-20T08:00:00.000Z',
          reason: '省局通知延期',
        },
      },
    ]);
  });

  it('refuses a phase that would end before the one before it', () => {
    expect(
      campaignGiven(launched).when({
        type: 'MovePhaseDeadline',
        data: { phase: 'carry-out', to: '2015-06-01T00:00:00Z', reason: 'x' },
      }),
    ).toThrow(InvalidCommand);
    expect(
      campaignGiven().when({
        type: 'MovePhaseDeadline',
        data: { phase: 'plan', to: '2015-06-01', reason: '' },
      }),
    ).toThrow(InvalidTransition);
  });

  it('the demo campaign falls due minutes after it starts', () => {
    const now = new Date('2026-11-26T02:00:00Z');
    expect(demoCampaign(now).deadlines.plan).toBe('2026-11-26T02:02:00.000Z');
  });
});

describe("a unit's filings (七)", () => {
  const plan: UnitCommand = {
    type: 'FileWorkPlan',
    data: {
      unitId: 'henan.nanyang.xichuan',
      leadDepartment: '县政府办公室',
      liaisonPerson: { name: '王联络', phone: '0377-69212345' },
      plan: '全面清理驻郑州办事处',
      now: '2015-06-10T02:00:00.000Z',
    },
  };
  const filed = unitGiven().when(plan)() as UnitEvent[];

  it('files a work plan', () => expect(filed.map((e) => e.type)).toEqual(['WorkPlanFiled']));
  it('filing the same plan again records nothing', () =>
    expect(unitGiven(...filed).when(plan)()).toEqual([]));
  it('a summary needs a plan first', () =>
    expect(
      unitGiven().when({
        type: 'FileWorkSummary',
        data: { unitId: 'henan.nanyang.xichuan', summary: '已完成', now: '2015-11-10T02:00:00Z' },
      }),
    ).toThrow(/plan comes first/));
  it('only county-level units and departments file', () =>
    expect(unitGiven().when({ ...plan, data: { ...plan.data, unitId: 'henan.nanyang' } })).toThrow(
      /only those file/,
    ));
});
