import { InvalidCommand, InvalidTransition, PolicyViolation } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import {
  RETENTION_CASE,
  UNIT,
  abolishOffice,
  decideAt,
  nanyangContext,
  requestRetention,
  resubmitRetention,
} from '../testing/office-fixtures';
import {
  cityOfficeInZhengzhou,
  countyOfficeInZhengzhou,
  fullRetentionApproval,
  officeAbolished,
  officeRegistered,
  pairedAssistanceOffice,
  retentionApproved,
  retentionForwarded,
  retentionRejected,
  retentionRequested,
  retentionResubmitted,
  retentionReturned,
  status,
  deadlineSetAt,
} from '../testing/office-history';
import type { Tier } from '../tiers';
import { officeDecider } from './decide';

const { given } = givenWhenThen(officeDecider(nanyangContext()));

describe('三(一)-c / 三(二)-exception 保留: requesting retention', () => {
  it('三(一)-c: the municipal government requests retention at the municipal tier', () => {
    const registered = given(cityOfficeInZhengzhou());
    const { state } = registered
      .when(requestRetention())
      .then(retentionRequested('municipal'), deadlineSetAt(1, 'municipal'));
    expect(state.office).toStrictEqual({
      status: 'retention-requested',
      office: registered.state.office.status === 'proposed' ? registered.state.office.office : undefined,
      tier: 'municipal',
      request: RETENTION_CASE,
    });
  });

  it('三(二)-exception: a paired-assistance office requests retention at the county tier', () => {
    given(pairedAssistanceOffice())
      .when(requestRetention())
      .then(retentionRequested('county'), deadlineSetAt(1, 'county'));
  });

  it.each([
    { rule: '三(一)-a', history: countyOfficeInZhengzhou() },
    { rule: '三(一)-a', history: officeRegistered({ sponsor: UNIT.highTechZone, host: 'zhengzhou' }) },
    { rule: '三(一)-b', history: officeRegistered({ sponsor: UNIT.municipalCommerce, host: 'zhengzhou' }) },
    { rule: '三(一)-b', history: officeRegistered({ sponsor: UNIT.xichuanCommerce, host: 'zhengzhou' }) },
    { rule: '三(二)', history: officeRegistered({ sponsor: UNIT.wancheng, host: 'shenzhen' }) },
    { rule: '三(二)', history: officeRegistered({ sponsor: UNIT.xixiaAgriculture, host: 'beijing' }) },
  ])('is refused where the plan requires abolition, citing $rule', ({ rule, history }) => {
    given(history)
      .when(requestRetention())
      .thenThrows(PolicyViolation, { ruleId: rule, message: `Retention cannot be requested (${rule})` });
  });

  it('四: refused when the office takes on none of the new functions', () => {
    given(cityOfficeInZhengzhou())
      .when(requestRetention({ ...RETENTION_CASE, functions: [] }))
      .thenThrows(PolicyViolation, { ruleId: '四', field: 'functions' });
  });

  it('五(一): refused when the office is not decoupled from its hotels and guesthouses', () => {
    given(cityOfficeInZhengzhou())
      .when(requestRetention({ ...RETENTION_CASE, decoupledFromBusinessEntities: false }))
      .thenThrows(PolicyViolation, {
        ruleId: '五(一)',
        field: 'decoupledFromBusinessEntities',
        message: '脱钩',
      });
  });

  it('is refused while a request is pending, once retained, once rejected and once abolished', () => {
    const requested = [cityOfficeInZhengzhou(), retentionRequested('municipal')];
    given(...requested)
      .when(requestRetention())
      .thenThrows(InvalidTransition, { status: 'retention-requested' });
    given(...fullRetentionApproval())
      .when(requestRetention())
      .thenThrows(InvalidTransition, { status: 'retained' });
    given(...requested, retentionRejected('municipal'))
      .when(requestRetention())
      .thenThrows(InvalidTransition, { status: 'rejected' });
    given(cityOfficeInZhengzhou(), officeAbolished())
      .when(requestRetention())
      .thenThrows(InvalidTransition, { status: 'abolished' });
  });
});

describe('三(一) 逐级上报审批: decisions tier by tier (county → municipal → provincial)', () => {
  const atCounty = [pairedAssistanceOffice(), retentionRequested('county')];

  it('county approval forwards to the municipal tier', () => {
    const { state } = given(...atCounty)
      .when(decideAt('county', 'approve', '县政府同意'))
      .then(retentionForwarded('county', 'municipal', '县政府同意'), deadlineSetAt(2, 'municipal'));
    expect(state.office).toMatchObject({ status: 'retention-requested', tier: 'municipal' });
  });

  it('municipal approval forwards to the provincial tier', () => {
    given(...atCounty, retentionForwarded('county', 'municipal'))
      .when(decideAt('municipal', 'approve'))
      .then(retentionForwarded('municipal', 'provincial'), deadlineSetAt(3, 'provincial'));
  });

  it('provincial approval is final: RetentionApproved, and the office is retained', () => {
    const { state } = given(
      ...atCounty,
      retentionForwarded('county', 'municipal'),
      retentionForwarded('municipal', 'provincial'),
    )
      .when(decideAt('provincial', 'approve', '同意保留'))
      .then(retentionApproved('provincial', '同意保留'));
    expect(status(state)).toBe('retained');
  });

  it('三(一)-c: a municipal request skips the county tier and goes from municipal to provincial', () => {
    const atMunicipal = given(cityOfficeInZhengzhou(), retentionRequested('municipal'));
    atMunicipal.when(decideAt('county', 'approve')).thenThrows(InvalidTransition, {
      ruleId: '三(一)',
      status: 'retention-requested',
      message: 'waiting at the municipal tier, not the county tier',
    });
    atMunicipal
      .when(decideAt('municipal', 'approve'))
      .then(retentionForwarded('municipal', 'provincial'), deadlineSetAt(2, 'provincial'));
  });

  it.each<Tier>(['municipal', 'provincial'])(
    'a decision at the %s tier while waiting at the county tier is refused',
    (tier) => {
      given(...atCounty)
        .when(decideAt(tier, 'approve'))
        .thenThrows(InvalidTransition, { ruleId: '三(一)', status: 'retention-requested' });
    },
  );

  it('a tier that has already forwarded cannot decide again', () => {
    given(...atCounty, retentionForwarded('county', 'municipal'))
      .when(decideAt('county', 'reject', '撤回'))
      .thenThrows(InvalidTransition, { ruleId: '三(一)', status: 'retention-requested' });
  });

  it('nothing can be decided before a request or after final approval', () => {
    given(pairedAssistanceOffice())
      .when(decideAt('county', 'approve'))
      .thenThrows(InvalidTransition, { status: 'proposed' });
    given(...fullRetentionApproval())
      .when(decideAt('provincial', 'approve'))
      .thenThrows(InvalidTransition, { status: 'retained' });
  });

  describe('reject', () => {
    it.each([undefined, '', '   '])('requires a comment (given %p)', (comment) => {
      given(...atCounty)
        .when(decideAt('county', 'reject', comment))
        .thenThrows(InvalidCommand, { field: 'comment', message: 'a rejection' });
    });

    it('at the municipal tier leads to rejected, with the tier and reason kept', () => {
      const { state } = given(...atCounty, retentionForwarded('county', 'municipal'))
        .when(decideAt('municipal', 'reject', '无对口援助任务'))
        .then(retentionRejected('municipal', '无对口援助任务'));
      expect(state.office).toMatchObject({
        status: 'rejected',
        rejectedAt: 'municipal',
        reason: '无对口援助任务',
      });
    });

    it('then the office must be abolished', () => {
      given(...atCounty, retentionRejected('county'))
        .when(abolishOffice('淅政〔2015〕30号', '保留申请被驳回'))
        .then(officeAbolished('淅政〔2015〕30号', '保留申请被驳回'));
    });
  });

  describe('return for revision', () => {
    it.each([undefined, ' '])('requires a comment (given %p)', (comment) => {
      given(...atCounty)
        .when(decideAt('county', 'return', comment))
        .thenThrows(InvalidCommand, { field: 'comment', message: 'a return for revision' });
    });

    it('keeps the request and the returning tier', () => {
      const { state } = given(...atCounty)
        .when(decideAt('county', 'return', '补充材料'))
        .then(retentionReturned('county', '补充材料'));
      expect(state.office).toMatchObject({
        status: 'returned-for-revision',
        returnedAt: 'county',
        comment: '补充材料',
        request: RETENTION_CASE,
      });
    });

    it('a resubmission returned at the municipal tier lands at the municipal tier, not the county tier', () => {
      const revised = { ...RETENTION_CASE, justification: '补充:承担对口援助淅川移民工作' };
      const returnedAtMunicipal = [
        ...atCounty,
        retentionForwarded('county', 'municipal'),
        retentionReturned('municipal'),
      ];
      const { state } = given(...returnedAtMunicipal)
        .when(resubmitRetention(revised))
        .then(retentionResubmitted('municipal', revised), deadlineSetAt(4, 'municipal'));
      expect(state.office).toMatchObject({
        status: 'retention-requested',
        tier: 'municipal',
        request: revised,
      });

      const resubmitted = given(...returnedAtMunicipal, retentionResubmitted('municipal', revised));
      resubmitted
        .when(decideAt('county', 'approve'))
        .thenThrows(InvalidTransition, { ruleId: '三(一)', status: 'retention-requested' });
      resubmitted
        .when(decideAt('municipal', 'approve'))
        .then(retentionForwarded('municipal', 'provincial'), deadlineSetAt(5, 'provincial'));
    });

    it('a resubmission returned at the county tier lands at the county tier', () => {
      given(...atCounty, retentionReturned('county'))
        .when(resubmitRetention())
        .then(retentionResubmitted('county'), deadlineSetAt(3, 'county'));
    });

    it('a resubmission must still satisfy 四 and 五(一)', () => {
      const returned = given(...atCounty, retentionReturned('county'));
      returned
        .when(resubmitRetention({ ...RETENTION_CASE, functions: [] }))
        .thenThrows(PolicyViolation, { ruleId: '四', field: 'functions' });
      returned
        .when(resubmitRetention({ ...RETENTION_CASE, decoupledFromBusinessEntities: false }))
        .thenThrows(PolicyViolation, { ruleId: '五(一)', field: 'decoupledFromBusinessEntities' });
    });

    it('resubmission is refused unless the request was returned', () => {
      given(...atCounty)
        .when(resubmitRetention())
        .thenThrows(InvalidTransition, { status: 'retention-requested' });
      given(pairedAssistanceOffice())
        .when(resubmitRetention())
        .thenThrows(InvalidTransition, { status: 'proposed' });
    });
  });
});
