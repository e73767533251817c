import { InvalidCommand, InvalidTransition } from '../errors';
import { JurisdictionCatalog } from '../jurisdiction';
import { NANYANG_UNITS } from '../nanyang';
import { givenWhenThen } from '../testing/given-when-then';
import type { FileWorkPlan } from './commands';
import { unitDecider } from './decide';
import type { WorkPlanFiled } from './events';

const catalog = new JurisdictionCatalog(NANYANG_UNITS);
const unit = givenWhenThen(unitDecider(catalog));

describe("a unit's filings (七)", () => {
  const plan: FileWorkPlan = {
    type: 'FileWorkPlan',
    data: {
      unitId: 'henan.nanyang.xichuan',
      leadDepartment: '县政府办公室',
      liaisonPerson: { name: '王联络', phone: '0377-69212345' },
      plan: '全面清理驻郑州办事处',
    },
    metadata: { now: '2015-06-10T02:00:00.000Z' },
  };
  const filed: WorkPlanFiled = {
    type: 'WorkPlanFiled',
    data: { ...plan.data, filedAt: '2015-06-10T02:00:00.000Z' },
  };

  it('files a work plan', () => {
    const { events } = unit.given().when(plan).then(filed);
    expect(events.map((e) => e.type)).toEqual(['WorkPlanFiled']);
  });
  it('filing the same plan again records nothing', () => {
    unit.given(filed).when(plan).then();
  });
  it('a summary needs a plan first', () => {
    unit
      .given()
      .when({
        type: 'FileWorkSummary',
        data: { unitId: 'henan.nanyang.xichuan', summary: '已完成' },
        metadata: { now: '2015-11-10T02:00:00Z' },
      })
      .thenThrows(InvalidTransition, { ruleId: '七', status: 'no-work-plan', message: /plan comes first/ });
  });
  it('only county-level units and departments file', () => {
    unit
      .given()
      .when({ ...plan, data: { ...plan.data, unitId: 'henan.nanyang' } })
      .thenThrows(InvalidCommand, { ruleId: '七', field: 'unitId', message: /only those file/ });
  });
  it('a summary is dated by the handler, after the plan', () => {
    unit
      .given(filed)
      .when({
        type: 'FileWorkSummary',
        data: { unitId: 'henan.nanyang.xichuan', summary: '已完成' },
        metadata: { now: '2015-11-10T02:00:00.000Z' },
      })
      .then({
        type: 'WorkSummaryFiled',
        data: { unitId: 'henan.nanyang.xichuan', summary: '已完成', filedAt: '2015-11-10T02:00:00.000Z' },
      });
  });
  it('a filing without the time the handler received it is refused', () => {
    const { metadata: _metadata, ...undated } = plan;
    unit.given().when(undated).thenThrows(InvalidCommand, { field: 'metadata.now', message: 'FileWorkPlan' });
  });
});
