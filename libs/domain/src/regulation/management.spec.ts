import { InvalidCommand, InvalidTransition, PolicyViolation } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import type {
  ReceiveComplaint,
  RecordAppraisal,
  RecordRotation,
  RecordSupervision,
  ResolveComplaint,
} from './commands';
import { regulationDecider } from './decide';
import type { RegulationEvent } from './events';
import { regulationObligations } from './obligations';
import { at, deadlineSet, NOW, OFFICE, OPENED, POLICY } from './regulation-fixtures';
import { regulationDeadlineMet } from './state';

const { given } = givenWhenThen(regulationDecider(POLICY));

describe('六(三): cadre rotation', () => {
  const rotation = (evidence: string): RecordRotation =>
    at({
      type: 'RecordRotation',
      data: { officeId: OFFICE, cadre: '赵明', direction: 'out', rotatedOn: '2015-11-30', evidence },
    });

  it('records a rotation with its appointment document', () => {
    given(...OPENED)
      .when(rotation('宛组干〔2015〕88号'))
      .then({ type: 'CadreRotated', data: { ...rotation('宛组干〔2015〕88号').data, recordedAt: NOW } });
  });

  it('refuses one without evidence, citing 六(三)', () => {
    given(...OPENED)
      .when(rotation(''))
      .thenThrows(PolicyViolation, { ruleId: '六(三)', field: 'evidence' });
  });
});

describe("六(一)(二): the sponsor's yearly appraisal with the host city's opinion", () => {
  const appraisal = (hostOpinion: string, now = '2016-01-10T02:00:00.000Z'): RecordAppraisal =>
    at(
      {
        type: 'RecordAppraisal',
        data: {
          officeId: OFFICE,
          year: 2015,
          grade: 'competent',
          summary: '职能转变到位,接待规范',
          hostDepartment: '郑州市机关事务管理局',
          hostOpinion,
        },
      },
      now,
    );

  it('records the appraisal, meets its year and records the next year’s deadline', () => {
    const { state } = given(...OPENED)
      .when(appraisal('运行规范,无违规'))
      .then(
        {
          type: 'AppraisalRecorded',
          data: { ...appraisal('运行规范,无违规').data, recordedAt: '2016-01-10T02:00:00.000Z' },
        },
        deadlineSet('appraisal', '2017-01-30T16:00:00.000Z', '2016-12-31T16:00:00.000Z', '2016'),
      );
    expect(regulationDeadlineMet(state, `regulation-appraisal.${OFFICE}.2015`)).toBe(true);
    expect(regulationDeadlineMet(state, `regulation-appraisal.${OFFICE}.2016`)).toBe(false);
  });

  it("refuses an appraisal without the host city's opinion, citing 六(二)", () => {
    given(...OPENED)
      .when(appraisal(' '))
      .thenThrows(PolicyViolation, { ruleId: '六(二)', field: 'hostOpinion' });
  });

  it('an unknown grade is refused', () => {
    const command = appraisal('运行规范');
    given(...OPENED)
      .when({ ...command, data: { ...command.data, grade: 'outstanding' as never } })
      .thenThrows(InvalidCommand, { field: 'grade' });
  });
});

describe('六(四): inspections and audits', () => {
  const supervision = (kind: 'inspection' | 'audit'): RecordSupervision =>
    at({
      type: 'RecordSupervision',
      data: {
        officeId: OFFICE,
        kind,
        conductedBy: '南阳市审计局',
        conductedOn: '2015-11-30',
        findings: '未发现问题',
        evidence: '宛审报〔2015〕21号',
      },
    });

  it('records an audit with its findings and report', () => {
    given(...OPENED)
      .when(supervision('audit'))
      .then({ type: 'SupervisionRecorded', data: { ...supervision('audit').data, recordedAt: NOW } });
  });

  it('refuses a kind that is neither an inspection nor an audit', () => {
    given(...OPENED)
      .when(supervision('review' as never))
      .thenThrows(InvalidCommand, { field: 'kind' });
  });
});

describe('六(四): complaints on the public line, investigated, their result published by a deadline', () => {
  const receive: ReceiveComplaint = at({
    type: 'ReceiveComplaint',
    data: { officeId: OFFICE, complaintId: 'c-1', channel: 'hotline', summary: '反映办事处超标准接待' },
  });
  const received: RegulationEvent[] = [
    { type: 'ComplaintReceived', data: { ...receive.data, receivedAt: NOW } },
    deadlineSet('complaint', '2015-12-06T02:00:00.000Z', NOW, 'c-1'),
  ];
  const resolve = (publication: string): ResolveComplaint =>
    at(
      {
        type: 'ResolveComplaint',
        data: {
          officeId: OFFICE,
          complaintId: 'c-1',
          investigation: '调阅接待清单,约谈主任',
          result: '反映属实,责令整改并通报',
          publication,
        },
      },
      '2015-12-04T02:00:00.000Z',
    );

  it('receiving a complaint records the deadline for its result', () => {
    given(...OPENED)
      .when(receive)
      .then(...received);
  });

  it('a result published meets the deadline', () => {
    const { state } = given(...OPENED, ...received)
      .when(resolve('南阳市政府网站 2015-12-04'))
      .then({
        type: 'ComplaintResolved',
        data: { ...resolve('南阳市政府网站 2015-12-04').data, resolvedAt: '2015-12-04T02:00:00.000Z' },
      });
    const complaint = regulationObligations(state, '2015-12-10T00:00:00.000Z').find(
      (o) => o.duty === 'complaint',
    );
    expect(complaint).toMatchObject({ subject: 'c-1', status: 'met', section: '六(四)' });
  });

  it('an unpublished result is refused, citing 六(四); a complaint never received too', () => {
    given(...OPENED, ...received)
      .when(resolve(''))
      .thenThrows(PolicyViolation, { ruleId: '六(四)', field: 'publication' });
    given(...OPENED)
      .when(resolve('南阳市政府网站'))
      .thenThrows(InvalidCommand, { ruleId: '六(四)', field: 'complaintId' });
  });

  it('a complaint unanswered past its deadline is a lapse', () => {
    const state = given(...OPENED, ...received).state;
    expect(
      regulationObligations(state, '2015-12-07T00:00:00.000Z').find((o) => o.duty === 'complaint'),
    ).toMatchObject({
      status: 'overdue',
    });
  });

  it('the same complaint id with another summary is refused', () => {
    given(...OPENED, ...received)
      .when({ ...receive, data: { ...receive.data, summary: '另一件事' } })
      .thenThrows(InvalidTransition, { ruleId: '六(四)', status: 'recorded' });
  });
});
