import { InvalidCommand, InvalidTransition, PolicyViolation } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import type {
  OpenRegulation,
  PublishDisclosure,
  RecordDecoupling,
  RecordFunction,
  RecordReception,
} from './commands';
import { regulationDecider } from './decide';
import type { RegulationEvent } from './events';
import { regulationObligations } from './obligations';
import { at, deadlineSet, NOW, OFFICE, OPENED, POLICY, RETAINED_AT } from './regulation-fixtures';

const { given } = givenWhenThen(regulationDecider(POLICY));

const open: OpenRegulation = at({
  type: 'OpenRegulation',
  data: {
    officeId: OFFICE,
    name: '南阳市人民政府驻郑州办事处',
    sponsorUnitId: 'henan.nanyang',
    hostCityId: 'zhengzhou',
    retainedAt: RETAINED_AT,
  },
});

describe('a retained office comes under regulation (四, 五, 六)', () => {
  it('records its decoupling, first disclosure and first appraisal deadlines when it opens', () => {
    given()
      .when(open)
      .then(...OPENED);
  });

  it('opening again is a retry', () => {
    given(...OPENED)
      .when(open)
      .then();
  });

  it('refuses a record for an office that is not retained', () => {
    given()
      .when(
        at<RecordDecoupling>({
          type: 'RecordDecoupling',
          data: { officeId: OFFICE, entities: ['中州宾馆'], evidence: '脱钩协议', decoupledOn: '2015-11-25' },
        }),
      )
      .thenThrows(InvalidTransition, { status: 'not-retained' });
  });
});

describe('四: the functions it now serves', () => {
  const served = (fn: string): RecordFunction =>
    at({
      type: 'RecordFunction',
      data: {
        officeId: OFFICE,
        function: fn,
        activity: '组织南阳—郑州农产品推介会',
        evidence: '推介会纪要 2015-11-28',
        occurredOn: '2015-11-28',
      },
    });

  it('records a function of the plan’s list with its evidence', () => {
    given(...OPENED)
      .when(served('economic-cooperation'))
      .then({
        type: 'FunctionServed',
        data: {
          officeId: OFFICE,
          function: 'economic-cooperation',
          activity: '组织南阳—郑州农产品推介会',
          evidence: '推介会纪要 2015-11-28',
          occurredOn: '2015-11-28',
          recordedAt: NOW,
        },
      });
  });

  it('refuses reception and lobbying for projects, citing 四', () => {
    given(...OPENED)
      .when(served('project-lobbying'))
      .thenThrows(PolicyViolation, { ruleId: '四', field: 'function' });
  });

  it('refuses a day after today', () => {
    given(...OPENED)
      .when({
        ...served('government-liaison'),
        data: { ...served('government-liaison').data, occurredOn: '2015-12-02' },
      })
      .thenThrows(InvalidCommand, { field: 'occurredOn' });
  });
});

describe('五(一): decoupling from business entities', () => {
  const decoupling = (evidence = '脱钩协议 宛管〔2015〕3号'): RecordDecoupling =>
    at({
      type: 'RecordDecoupling',
      data: { officeId: OFFICE, entities: [' 中州宾馆 ', ''], evidence, decoupledOn: '2015-11-25' },
    });
  const recorded: RegulationEvent = {
    type: 'DecouplingRecorded',
    data: {
      officeId: OFFICE,
      entities: ['中州宾馆'],
      evidence: '脱钩协议 宛管〔2015〕3号',
      decoupledOn: '2015-11-25',
      recordedAt: NOW,
    },
  };

  it('records the entities and the evidence, which meets the deadline', () => {
    const { state } = given(...OPENED)
      .when(decoupling())
      .then(recorded);
    expect(regulationObligations(state, NOW)[0]).toMatchObject({ duty: 'decoupling', status: 'met-late' });
  });

  it('refuses decoupling without evidence, citing 五(一)', () => {
    given(...OPENED)
      .when(decoupling('  '))
      .thenThrows(PolicyViolation, { ruleId: '五(一)', field: 'evidence' });
  });

  it('is recorded once: the same again is a retry, a different one refused', () => {
    given(...OPENED, recorded)
      .when(decoupling())
      .then();
    given(...OPENED, recorded)
      .when(decoupling('另一份协议'))
      .thenThrows(InvalidTransition, { ruleId: '五(一)', status: 'decoupled' });
  });
});

describe('五(二): reception letters and lists', () => {
  const reception = (letterReference: string, list = '工作餐 4 人'): RecordReception =>
    at({
      type: 'RecordReception',
      data: {
        officeId: OFFICE,
        receptionId: 'r-2015-001',
        receivedOn: '2015-11-30',
        guestUnit: '南阳市发展和改革委员会',
        letterReference,
        list,
        cost: 320,
      },
    });

  it('keeps each reception with its letter (公函) and list (清单)', () => {
    given(...OPENED)
      .when(reception('宛发改函〔2015〕12号'))
      .then({
        type: 'ReceptionRecorded',
        data: { ...reception('宛发改函〔2015〕12号').data, recordedAt: NOW },
      });
  });

  it('refuses a reception without its letter or its list, citing 五(二)', () => {
    given(...OPENED)
      .when(reception(''))
      .thenThrows(PolicyViolation, { ruleId: '五(二)', field: 'letterReference' });
    given(...OPENED)
      .when(reception('宛发改函〔2015〕12号', ' '))
      .thenThrows(PolicyViolation, { ruleId: '五(二)', field: 'list' });
  });
});

describe('五(三): the yearly reception budget and spending', () => {
  const publish = (year: number, now = NOW): PublishDisclosure =>
    at(
      {
        type: 'PublishDisclosure',
        data: {
          officeId: OFFICE,
          year,
          budget: 50000,
          spending: 12000,
          venues: '定点饭店 2 家',
          publication: '南阳市政府网站',
        },
      },
      now,
    );

  it('publishing a year meets its deadline and records the next year’s, due every year', () => {
    const { state } = given(...OPENED)
      .when(publish(2015))
      .then(
        {
          type: 'DisclosurePublished',
          data: { ...publish(2015).data, publishedAt: NOW },
        },
        // 2016 counts from the year's start: 2015-12-31T16:00Z (midnight in China) plus 20 days.
        deadlineSet('disclosure', '2016-01-20T16:00:00.000Z', '2015-12-31T16:00:00.000Z', '2016'),
      );
    const obligations = regulationObligations(state, '2016-02-01T00:00:00.000Z');
    expect(obligations.filter((o) => o.duty === 'disclosure').map((o) => [o.subject, o.status])).toEqual([
      ['2015', 'met'],
      ['2016', 'overdue'],
    ]);
  });

  it('a year not yet reached, or before the retention, is refused', () => {
    given(...OPENED)
      .when(publish(2016))
      .thenThrows(InvalidCommand, { field: 'year' });
    given(...OPENED)
      .when(publish(2014))
      .thenThrows(InvalidCommand, { field: 'year' });
  });

  it('a missed disclosure is a lapse until published', () => {
    const state = given(...OPENED).state;
    expect(regulationObligations(state, '2015-12-11T00:00:00.000Z')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          duty: 'disclosure',
          section: '五(三)',
          subject: '2015',
          status: 'overdue',
        }),
      ]),
    );
  });
});
