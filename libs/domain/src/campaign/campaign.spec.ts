import { InvalidCommand, InvalidTransition } from '../errors';
import { JurisdictionCatalog } from '../jurisdiction';
import { NANYANG_UNITS } from '../nanyang';
import { givenWhenThen } from '../testing/given-when-then';
import { campaignDecider } from './decide';
import type { CampaignEvent } from './events';
import { HENAN_UNITS } from '../province';
import { demoCampaign, filingUnits, nanyangCampaign, planCampaign } from './phases';

const catalog = new JurisdictionCatalog(NANYANG_UNITS);
const campaign = givenWhenThen(campaignDecider(catalog));

const launched: CampaignEvent = {
  type: 'CampaignLaunched',
  data: { ...nanyangCampaign(), filingUnits: filingUnits(catalog, 'henan.nanyang') },
};

describe('the campaign (七)', () => {
  it("launches Nanyang's plan with its three deadlines, ending at midnight Beijing time", () => {
    const { events } = campaign
      .given()
      .when({ type: 'LaunchCampaign', data: nanyangCampaign() })
      .then(launched);
    expect(events[0]!.data).toMatchObject({
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
    campaign.given(launched).when({ type: 'LaunchCampaign', data: nanyangCampaign() }).then();
  });

  it('moves a phase deadline, recording where from and why', () => {
    campaign
      .given(launched)
      .when({
        type: 'MovePhaseDeadline',
        data: { phase: 'summary', to: '2015-11-20T16:00:00+08:00', reason: '省局通知延期' },
      })
      .then({
        type: 'PhaseDeadlineMoved',
        data: {
          campaignId: 'nanyang-2015',
          phase: 'summary',
          from: '2015-11-15T16:00:00.000Z',
          to: '2015-11-20T08:00:00.000Z',
          reason: '省局通知延期',
        },
      });
  });

  it('refuses a phase that would end before the one before it', () => {
    campaign
      .given(launched)
      .when({
        type: 'MovePhaseDeadline',
        data: { phase: 'carry-out', to: '2015-06-01T00:00:00Z', reason: 'x' },
      })
      .thenThrows(InvalidCommand, { ruleId: '七', field: 'to' });
    campaign
      .given()
      .when({ type: 'MovePhaseDeadline', data: { phase: 'plan', to: '2015-06-01', reason: '' } })
      .thenThrows(InvalidTransition, { status: 'unlaunched' });
  });

  it('the demo campaign falls due minutes after it starts', () => {
    const now = new Date('2026-11-26T02:00:00Z');
    expect(demoCampaign(now).deadlines.plan).toBe('2026-11-26T02:02:00.000Z');
  });

  it('any city runs the same plan: 洛阳市 files its county-level units and departments, not Nanyang’s', () => {
    const province = new JurisdictionCatalog(HENAN_UNITS);
    expect(planCampaign({ id: '410300', name: '洛阳市' })).toMatchObject({
      campaignId: '410300-2015',
      name: '洛阳市清理规范驻省会城市办事机构工作',
      leadUnitId: '410300',
      deadlines: nanyangCampaign().deadlines,
    });
    const luoyang = filingUnits(province, '410300');
    expect(luoyang).toContain('410302');
    expect(luoyang).not.toContain('410300.bureau');
    expect(filingUnits(province, 'henan.nanyang')).toStrictEqual(filingUnits(catalog, 'henan.nanyang'));
  });

  it('a province-wide campaign: every city’s filing units and the counties the province administers directly', () => {
    const province = new JurisdictionCatalog(HENAN_UNITS);
    const all = filingUnits(province, 'henan');
    expect(all).toEqual(expect.arrayContaining(['410302', 'henan.nanyang.xichuan', '411381']));
    expect(all).not.toContain('henan.bureau');
    expect(all).not.toContain('henan.nanyang');
    expect(planCampaign({ id: 'henan', name: '河南省' }).campaignId).toBe('henan-2015');
  });
});
