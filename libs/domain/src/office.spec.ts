import {
  DISPOSITION_RULES,
  NOT_COVERED_RULE,
  type Disposition,
  type Location,
  type RequiredOutcome,
  type RuleId,
} from './disposition';
import { InvalidCommand, InvalidTransition, PolicyViolation } from './errors';
import type { SponsorKind } from './jurisdiction';
import {
  evolve,
  foldOffice,
  officeDecider,
  initialState,
  type OfficeEvent,
  type OfficeState,
  type OfficeStatus,
} from './office';
import { givenWhenThen } from './testing/given-when-then';
import {
  BUILDING,
  CAR,
  LAND,
  LI,
  OFFICE_ID,
  RETENTION_CASE,
  UNIT,
  ZHANG,
  abolishOffice,
  closeOffice,
  decideAt,
  recordDisposal,
  recordPlacement,
  registerAsset,
  registerOffice,
  registerStaffMember,
  requestRetention,
  resubmitRetention,
  returnedToSponsor,
  ruleOn,
  transfer,
  writeOff,
  nanyangContext,
} from './testing/office-fixtures';
import {
  assetDisposed,
  assetRegistered,
  cityOfficeInZhengzhou,
  countyOfficeInZhengzhou,
  fullRetentionApproval,
  officeAbolished,
  officeClosed,
  officeRegistered,
  officeRuledOn,
  pairedAssistanceOffice,
  retentionApproved,
  retentionForwarded,
  retentionRejected,
  retentionRequested,
  retentionResubmitted,
  retentionReturned,
  staffMemberRegistered,
  staffPlaced,
  uncoveredOffice,
} from './testing/office-history';
import type { Tier } from './tiers';

const { given } = givenWhenThen(officeDecider(nanyangContext()));

/** The disposition a registration must carry; the summary is the rule row's own, so a wrong row shows up. */
function disposition(
  ruleId: RuleId,
  section: string,
  location: Location,
  outcome: RequiredOutcome,
  retentionStartTier?: Tier,
): Disposition {
  const rule = [...DISPOSITION_RULES, NOT_COVERED_RULE].find((candidate) => candidate.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return {
    ruleId,
    section,
    location,
    outcome,
    summary: rule.summary,
    ...(retentionStartTier === undefined ? {} : { retentionStartTier }),
  };
}

function status(state: OfficeState): OfficeStatus {
  return state.status;
}

function fold(...events: OfficeEvent[]): OfficeState {
  return foldOffice(events);
}

describe('三 处置: the disposition an office gets at registration', () => {
  const cases: Array<{
    rule: RuleId;
    who: string;
    sponsor: string;
    host: string;
    pairedAssistance: boolean;
    sponsorKind: SponsorKind;
    expected: Disposition;
    status: OfficeStatus;
  }> = [
    {
      rule: '三(一)-a',
      who: 'a county government in Zhengzhou',
      sponsor: UNIT.wancheng,
      host: 'zhengzhou',
      pairedAssistance: false,
      sponsorKind: 'county-government',
      expected: disposition('三(一)-a', '三(一)', 'home-province-capital', 'abolish'),
      status: 'proposed',
    },
    {
      rule: '三(一)-a',
      who: 'a management committee (高新区) in Zhengzhou',
      sponsor: UNIT.highTechZone,
      host: 'zhengzhou',
      pairedAssistance: false,
      sponsorKind: 'county-government',
      expected: disposition('三(一)-a', '三(一)', 'home-province-capital', 'abolish'),
      status: 'proposed',
    },
    {
      rule: '三(一)-a',
      // Paired assistance only rescues offices outside the province (三(二)); in Zhengzhou abolition stands.
      who: 'a county government in Zhengzhou even with paired assistance',
      sponsor: UNIT.xichuan,
      host: 'zhengzhou',
      pairedAssistance: true,
      sponsorKind: 'county-government',
      expected: disposition('三(一)-a', '三(一)', 'home-province-capital', 'abolish'),
      status: 'proposed',
    },
    {
      rule: '三(一)-b',
      who: 'a municipal department in Zhengzhou',
      sponsor: UNIT.municipalCommerce,
      host: 'zhengzhou',
      pairedAssistance: false,
      sponsorKind: 'municipal-department',
      expected: disposition('三(一)-b', '三(一)', 'home-province-capital', 'abolish'),
      status: 'proposed',
    },
    {
      rule: '三(一)-b',
      who: 'a county department in Zhengzhou',
      sponsor: UNIT.xichuanCommerce,
      host: 'zhengzhou',
      pairedAssistance: false,
      sponsorKind: 'county-department',
      expected: disposition('三(一)-b', '三(一)', 'home-province-capital', 'abolish'),
      status: 'proposed',
    },
    {
      rule: '三(一)-c',
      who: 'the municipal government in Zhengzhou',
      sponsor: UNIT.city,
      host: 'zhengzhou',
      pairedAssistance: false,
      sponsorKind: 'municipal-government',
      expected: disposition('三(一)-c', '三(一)', 'home-province-capital', 'retain-or-abolish', 'municipal'),
      status: 'proposed',
    },
    {
      rule: '三(二)',
      who: 'a county government in Shenzhen without paired assistance',
      sponsor: UNIT.wancheng,
      host: 'shenzhen',
      pairedAssistance: false,
      sponsorKind: 'county-government',
      expected: disposition('三(二)', '三(二)', 'outside-province', 'abolish'),
      status: 'proposed',
    },
    {
      rule: '三(二)',
      who: 'a county department in Beijing without paired assistance',
      sponsor: UNIT.xixiaAgriculture,
      host: 'beijing',
      pairedAssistance: false,
      sponsorKind: 'county-department',
      expected: disposition('三(二)', '三(二)', 'outside-province', 'abolish'),
      status: 'proposed',
    },
    {
      rule: '三(二)-exception',
      who: 'a county government in Beijing doing paired assistance',
      sponsor: UNIT.xichuan,
      host: 'beijing',
      pairedAssistance: true,
      sponsorKind: 'county-government',
      expected: disposition('三(二)-exception', '三(二)', 'outside-province', 'retain-or-abolish', 'county'),
      status: 'proposed',
    },
    {
      rule: '三(二)-exception',
      who: 'a county department in Shenzhen doing paired assistance',
      sponsor: UNIT.xichuanCommerce,
      host: 'shenzhen',
      pairedAssistance: true,
      sponsorKind: 'county-department',
      expected: disposition('三(二)-exception', '三(二)', 'outside-province', 'retain-or-abolish', 'county'),
      status: 'proposed',
    },
    {
      rule: 'not-covered',
      who: 'a municipal department in Beijing',
      sponsor: UNIT.municipalCommerce,
      host: 'beijing',
      pairedAssistance: false,
      sponsorKind: 'municipal-department',
      expected: disposition('not-covered', '三', 'outside-province', 'ruling-required'),
      status: 'awaiting-ruling',
    },
    {
      rule: 'not-covered',
      who: 'the municipal government in Shenzhen',
      sponsor: UNIT.city,
      host: 'shenzhen',
      pairedAssistance: false,
      sponsorKind: 'municipal-government',
      expected: disposition('not-covered', '三', 'outside-province', 'ruling-required'),
      status: 'awaiting-ruling',
    },
    {
      rule: 'not-covered',
      // Paired assistance is an exception for county-level sponsors only; it does not make a municipal case covered.
      who: 'the municipal government in Beijing with paired assistance',
      sponsor: UNIT.city,
      host: 'beijing',
      pairedAssistance: true,
      sponsorKind: 'municipal-government',
      expected: disposition('not-covered', '三', 'outside-province', 'ruling-required'),
      status: 'awaiting-ruling',
    },
  ];

  it.each(cases)(
    '$rule: $who',
    ({ sponsor, host, pairedAssistance, sponsorKind, expected, status: expectedStatus }) => {
      const command = registerOffice({ sponsor, host, pairedAssistance, assets: [LAND], staff: [ZHANG] });
      const { state } = given()
        .when(command)
        .then({
          type: 'OfficeRegistered',
          data: {
            officeId: OFFICE_ID,
            name: command.data.name,
            sponsorUnitId: sponsor,
            sponsorKind,
            hostCityId: host,
            pairedAssistance,
            assets: [LAND],
            staff: [ZHANG],
            disposition: expected,
          },
        });
      expect(status(state)).toBe(expectedStatus);
      expect(state.status === 'proposed' ? state.retentionStartTier : undefined).toBe(
        expected.retentionStartTier,
      );
    },
  );

  describe('not covered: the ruling (the plan is silent, so the province decides)', () => {
    it('is made at the provincial tier; an abolition ruling leaves no retention start tier', () => {
      const { state } = given(uncoveredOffice())
        .when(ruleOn('provincial', 'abolish', '参照三(一)-b撤销'))
        .then(officeRuledOn('abolish', undefined, '参照三(一)-b撤销'));
      expect(state).toMatchObject({ status: 'proposed' });
      expect(state.status === 'proposed' && 'retentionStartTier' in state).toBe(false);
    });

    it('allowing retention starts a municipal sponsor at the municipal tier', () => {
      const { state } = given(uncoveredOffice())
        .when(ruleOn('provincial', 'retention-may-be-requested'))
        .then(officeRuledOn('retention-may-be-requested', 'municipal'));
      expect(state).toMatchObject({ status: 'proposed', retentionStartTier: 'municipal' });
    });

    it.each<Tier>(['county', 'municipal'])('is refused at the %s tier', (tier) => {
      given(uncoveredOffice())
        .when(ruleOn(tier, 'abolish'))
        .thenThrows(PolicyViolation, { ruleId: 'not-covered', field: 'tier', message: 'provincial tier' });
    });

    it('is refused for an office the plan does cover', () => {
      given(countyOfficeInZhengzhou())
        .when(ruleOn('provincial', 'retention-may-be-requested'))
        .thenThrows(InvalidTransition, { status: 'proposed' });
    });

    it('is made once only', () => {
      given(uncoveredOffice(), officeRuledOn('abolish'))
        .when(ruleOn('provincial', 'retention-may-be-requested'))
        .thenThrows(InvalidTransition, { status: 'proposed' });
    });

    it('after an abolition ruling, retention is refused citing not-covered and abolition goes ahead', () => {
      const history = given(uncoveredOffice(), officeRuledOn('abolish'));
      history.when(requestRetention()).thenThrows(PolicyViolation, {
        ruleId: 'not-covered',
        message: 'ruling on this office requires abolition',
      });
      history.when(abolishOffice('豫机管〔2015〕8号')).then(officeAbolished('豫机管〔2015〕8号'));
    });

    it('after a retention ruling, the request climbs from the municipal tier', () => {
      const { state } = given(uncoveredOffice(), officeRuledOn('retention-may-be-requested', 'municipal'))
        .when(requestRetention())
        .then(retentionRequested('municipal'));
      expect(state).toMatchObject({ status: 'retention-requested', tier: 'municipal' });
    });

    it('nothing but registering assets or staff happens while awaiting the ruling', () => {
      const awaiting = given(uncoveredOffice());
      awaiting.when(requestRetention()).thenThrows(InvalidTransition, { status: 'awaiting-ruling' });
      awaiting.when(abolishOffice()).thenThrows(InvalidTransition, { status: 'awaiting-ruling' });
      awaiting.when(registerAsset(LAND)).then(assetRegistered(LAND));
    });
  });
});

describe('一 范围: who and where can be registered', () => {
  it('refuses an unknown sponsor unit', () => {
    given()
      .when(registerOffice({ sponsor: 'henan.nanyang.nowhere', host: 'zhengzhou' }))
      .thenThrows(InvalidCommand, { field: 'sponsorUnitId', message: 'henan.nanyang.nowhere' });
  });

  it.each([UNIT.provincialBureau, UNIT.province])(
    'refuses %s, which is not a sponsor the plan covers',
    (sponsor) => {
      given()
        .when(registerOffice({ sponsor, host: 'zhengzhou' }))
        .thenThrows(InvalidCommand, {
          ruleId: '一',
          field: 'sponsorUnitId',
          message: 'not a sponsor this plan covers',
        });
    },
  );

  it('refuses a host city that is neither a capital, a separately planned city nor an SEZ (洛阳)', () => {
    given()
      .when(registerOffice({ sponsor: UNIT.wancheng, host: 'luoyang' }))
      .thenThrows(InvalidCommand, { ruleId: '一', field: 'hostCityId', message: 'luoyang' });
  });

  it('refuses duplicate asset ids, naming the second occurrence', () => {
    given()
      .when(registerOffice({ sponsor: UNIT.wancheng, host: 'zhengzhou', assets: [LAND, CAR, { ...LAND }] }))
      .thenThrows(InvalidCommand, { field: 'assets[2].assetId', message: 'asset-land' });
  });

  it('refuses duplicate staff ids', () => {
    given()
      .when(
        registerOffice({
          sponsor: UNIT.wancheng,
          host: 'zhengzhou',
          staff: [ZHANG, { ...ZHANG, name: '张伟(2)' }],
        }),
      )
      .thenThrows(InvalidCommand, { field: 'staff[1].staffId', message: 'staff-zhang' });
  });

  it('refuses a negative book value', () => {
    given()
      .when(
        registerOffice({ sponsor: UNIT.wancheng, host: 'zhengzhou', assets: [{ ...CAR, bookValue: -1 }] }),
      )
      .thenThrows(InvalidCommand, { field: 'assets[0].bookValue' });
  });

  it('refuses a second registration of the same office', () => {
    given(countyOfficeInZhengzhou())
      .when(registerOffice({ sponsor: UNIT.wancheng, host: 'zhengzhou' }))
      .thenThrows(InvalidTransition, {
        status: 'proposed',
        message: `office ${OFFICE_ID} is already registered`,
      });
  });

  it('refuses anything but registration for an unregistered office', () => {
    given().when(abolishOffice()).thenThrows(InvalidTransition, { status: 'unregistered' });
  });
});

describe('三(一)-c / 三(二)-exception 保留: requesting retention', () => {
  it('三(一)-c: the municipal government requests retention at the municipal tier', () => {
    const registered = given(cityOfficeInZhengzhou());
    const { state } = registered.when(requestRetention()).then(retentionRequested('municipal'));
    expect(state).toStrictEqual({
      status: 'retention-requested',
      office: registered.state.status === 'proposed' ? registered.state.office : undefined,
      tier: 'municipal',
      request: RETENTION_CASE,
    });
  });

  it('三(二)-exception: a paired-assistance office requests retention at the county tier', () => {
    given(pairedAssistanceOffice()).when(requestRetention()).then(retentionRequested('county'));
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
      .then(retentionForwarded('county', 'municipal', '县政府同意'));
    expect(state).toMatchObject({ status: 'retention-requested', tier: 'municipal' });
  });

  it('municipal approval forwards to the provincial tier', () => {
    given(...atCounty, retentionForwarded('county', 'municipal'))
      .when(decideAt('municipal', 'approve'))
      .then(retentionForwarded('municipal', 'provincial'));
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
    atMunicipal.when(decideAt('municipal', 'approve')).then(retentionForwarded('municipal', 'provincial'));
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
      expect(state).toMatchObject({ status: 'rejected', rejectedAt: 'municipal', reason: '无对口援助任务' });
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
      expect(state).toMatchObject({
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
        .then(retentionResubmitted('municipal', revised));
      expect(state).toMatchObject({ status: 'retention-requested', tier: 'municipal', request: revised });

      const resubmitted = given(...returnedAtMunicipal, retentionResubmitted('municipal', revised));
      resubmitted
        .when(decideAt('county', 'approve'))
        .thenThrows(InvalidTransition, { ruleId: '三(一)', status: 'retention-requested' });
      resubmitted.when(decideAt('municipal', 'approve')).then(retentionForwarded('municipal', 'provincial'));
    });

    it('a resubmission returned at the county tier lands at the county tier', () => {
      given(...atCounty, retentionReturned('county'))
        .when(resubmitRetention())
        .then(retentionResubmitted('county'));
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

describe('三(一) 撤销: abolition', () => {
  it.each<{ from: OfficeStatus; history: OfficeEvent[] }>([
    { from: 'proposed', history: [countyOfficeInZhengzhou()] },
    { from: 'proposed', history: [cityOfficeInZhengzhou()] },
    {
      from: 'rejected',
      history: [cityOfficeInZhengzhou(), retentionRequested('municipal'), retentionRejected('municipal')],
    },
    {
      from: 'returned-for-revision',
      history: [cityOfficeInZhengzhou(), retentionRequested('municipal'), retentionReturned('municipal')],
    },
    { from: 'retained', history: fullRetentionApproval() },
  ])('is allowed from $from', ({ from, history }) => {
    expect(status(fold(...history))).toBe(from);
    const { state } = given(...history)
      .when(abolishOffice('宛政〔2015〕93号'))
      .then(officeAbolished('宛政〔2015〕93号'));
    expect(status(state)).toBe('abolished');
  });

  it.each<{ from: OfficeStatus; history: OfficeEvent[] }>([
    { from: 'retention-requested', history: [cityOfficeInZhengzhou(), retentionRequested('municipal')] },
    { from: 'awaiting-ruling', history: [uncoveredOffice()] },
    { from: 'abolished', history: [countyOfficeInZhengzhou({ assets: [], staff: [] }), officeAbolished()] },
    {
      from: 'closed',
      history: [countyOfficeInZhengzhou({ assets: [], staff: [] }), officeAbolished(), officeClosed(0, 0)],
    },
  ])('is refused from $from', ({ from, history }) => {
    expect(status(fold(...history))).toBe(from);
    given(...history)
      .when(abolishOffice())
      .thenThrows(InvalidTransition, { status: from, message: 'cannot abolish' });
  });

  it('requires the decision reference', () => {
    given(countyOfficeInZhengzhou())
      .when(abolishOffice('  '))
      .thenThrows(InvalidCommand, { field: 'decisionReference' });
  });
});

describe('三(一), 八(三) 国有资产处置: asset disposal', () => {
  const abolished = [countyOfficeInZhengzhou(), officeAbolished()];

  it('records a transfer to a government body', () => {
    const { state } = given(...abolished)
      .when(recordDisposal(transfer(LAND.assetId)))
      .then(assetDisposed(transfer(LAND.assetId)));
    expect(state.status === 'abolished' && state.office.assets[LAND.assetId]?.disposal).toStrictEqual(
      transfer(LAND.assetId),
    );
  });

  it('is refused before abolition', () => {
    given(countyOfficeInZhengzhou())
      .when(recordDisposal(transfer(LAND.assetId)))
      .thenThrows(InvalidTransition, { status: 'proposed', message: 'dispose of the assets' });
    given(...fullRetentionApproval(), assetRegistered(CAR))
      .when(recordDisposal(transfer(CAR.assetId)))
      .thenThrows(InvalidTransition, { status: 'retained' });
  });

  it('refuses an unknown asset', () => {
    given(...abolished)
      .when(recordDisposal(transfer('asset-yacht')))
      .thenThrows(InvalidCommand, { field: 'assetId', message: 'asset-yacht' });
  });

  it('refuses disposing of the same asset twice', () => {
    given(...abolished, assetDisposed(transfer(LAND.assetId)))
      .when(recordDisposal(transfer(LAND.assetId, { recipient: '南阳市财政局' })))
      .thenThrows(InvalidTransition, { status: 'abolished', message: 'already been disposed of' });
  });

  it('records a write-off without a recipient', () => {
    given(...abolished)
      .when(recordDisposal(writeOff(CAR.assetId)))
      .then(assetDisposed(writeOff(CAR.assetId)));
  });

  it.each([
    { recipient: '废旧车辆回收公司', recipientKind: undefined },
    { recipient: undefined, recipientKind: 'state-owned-enterprise' as const },
  ])('refuses a write-off that names a recipient ($recipient / $recipientKind)', (named) => {
    const { recipient, recipientKind } = named;
    given(...abolished)
      .when(
        recordDisposal({
          ...writeOff(CAR.assetId),
          ...(recipient === undefined ? {} : { recipient }),
          ...(recipientKind === undefined ? {} : { recipientKind }),
        }),
      )
      .thenThrows(InvalidCommand, { field: 'recipient', message: 'a write-off has no recipient' });
  });

  it.each(['transfer', 'reallocation'] as const)('八(三): refuses a %s to a private party', (method) => {
    given(...abolished)
      .when(
        recordDisposal(
          transfer(LAND.assetId, { method, recipient: '某房地产公司', recipientKind: 'private-party' }),
        ),
      )
      .thenThrows(PolicyViolation, {
        ruleId: '八(三)',
        field: 'recipientKind',
        message: '严禁借清理之机挪用、私分、侵吞国有资产',
      });
  });

  it('八(三): accepts a private party through a public auction, proceeds recorded', () => {
    const auction = transfer(LAND.assetId, {
      method: 'public-auction',
      recipient: '郑州某置业有限公司',
      recipientKind: 'private-party',
      value: 3_650_000,
      approvalReference: '宛财资〔2015〕20号',
    });
    given(...abolished)
      .when(recordDisposal(auction))
      .then(assetDisposed(auction));
  });

  it.each([0, -5])('refuses a public auction that realised %p', (value) => {
    given(...abolished)
      .when(
        recordDisposal(
          transfer(CAR.assetId, { method: 'public-auction', recipientKind: 'private-party', value }),
        ),
      )
      .thenThrows(InvalidCommand, { field: 'value' });
  });

  it('refuses a disposal without its approval reference', () => {
    given(...abolished)
      .when(recordDisposal(transfer(LAND.assetId, { approvalReference: ' ' })))
      .thenThrows(InvalidCommand, { field: 'approvalReference' });
  });

  it('refuses a transfer that does not name its recipient or the kind of recipient', () => {
    const { recipient: _recipient, ...withoutRecipient } = transfer(LAND.assetId);
    given(...abolished)
      .when(recordDisposal(withoutRecipient))
      .thenThrows(InvalidCommand, { field: 'recipient' });
    const { recipientKind: _kind, ...withoutKind } = transfer(LAND.assetId);
    given(...abolished)
      .when(recordDisposal(withoutKind))
      .thenThrows(InvalidCommand, { field: 'recipientKind' });
  });
});

describe('三(一) 妥善安置: staff placement', () => {
  const abolished = [countyOfficeInZhengzhou(), officeAbolished()];

  it('records where a person goes', () => {
    const { state } = given(...abolished)
      .when(recordPlacement(returnedToSponsor(ZHANG.staffId)))
      .then(staffPlaced(returnedToSponsor(ZHANG.staffId)));
    expect(state.status === 'abolished' && state.office.staff[ZHANG.staffId]?.placement).toStrictEqual(
      returnedToSponsor(ZHANG.staffId),
    );
  });

  it('refuses an unknown person', () => {
    given(...abolished)
      .when(recordPlacement(returnedToSponsor('staff-wang')))
      .thenThrows(InvalidCommand, { field: 'staffId', message: 'staff-wang' });
  });

  it('refuses placing the same person twice', () => {
    given(...abolished, staffPlaced(returnedToSponsor(ZHANG.staffId)))
      .when(recordPlacement({ staffId: ZHANG.staffId, placement: 'retired', destination: '退休' }))
      .thenThrows(InvalidTransition, { status: 'abolished', message: 'already been placed' });
  });

  it('refuses an empty destination, citing 三(一)', () => {
    given(...abolished)
      .when(recordPlacement({ staffId: LI.staffId, placement: 'transferred', destination: '  ' }))
      .thenThrows(InvalidCommand, { ruleId: '三(一)', field: 'destination' });
  });

  it('is refused before abolition', () => {
    given(countyOfficeInZhengzhou())
      .when(recordPlacement(returnedToSponsor(ZHANG.staffId)))
      .thenThrows(InvalidTransition, { status: 'proposed' });
  });
});

describe('三(一) 关闭: closing an abolished office', () => {
  const abolished = [countyOfficeInZhengzhou(), officeAbolished()];
  const allDone = [
    ...abolished,
    assetDisposed(transfer(LAND.assetId)),
    assetDisposed(writeOff(CAR.assetId)),
    staffPlaced(returnedToSponsor(ZHANG.staffId)),
    staffPlaced({ staffId: LI.staffId, placement: 'contract-ended', destination: '解除劳动合同' }),
  ];

  it('is refused while assets and staff remain, listing them', () => {
    given(...abolished, assetDisposed(transfer(LAND.assetId)), staffPlaced(returnedToSponsor(ZHANG.staffId)))
      .when(closeOffice())
      .thenThrows(PolicyViolation, {
        ruleId: '三(一)',
        message: 'assets not yet disposed of: asset-car; staff not yet placed: staff-li',
      });
  });

  it('lists every outstanding asset and person', () => {
    given(...abolished)
      .when(closeOffice())
      .thenThrows(PolicyViolation, {
        ruleId: '三(一)',
        message: /asset-land, asset-car.*staff-zhang, staff-li/,
      });
  });

  it('is refused while only a person remains', () => {
    const error = given(...allDone.slice(0, -1))
      .when(closeOffice())
      .thenThrows(PolicyViolation, { ruleId: '三(一)', message: 'staff not yet placed: staff-li' });
    expect(error.message).not.toContain('assets not yet disposed of');
  });

  it('is accepted once every asset is disposed of and every person placed', () => {
    const { state } = given(...allDone)
      .when(closeOffice())
      .then(officeClosed(2, 2));
    expect(status(state)).toBe('closed');
  });

  it('is accepted at once for an office with no assets or staff', () => {
    given(countyOfficeInZhengzhou({ assets: [], staff: [] }), officeAbolished())
      .when(closeOffice())
      .then(officeClosed(0, 0));
  });

  it('is refused unless the office is abolished, and only once', () => {
    given(countyOfficeInZhengzhou({ assets: [], staff: [] }))
      .when(closeOffice())
      .thenThrows(InvalidTransition, { status: 'proposed' });
    given(...allDone, officeClosed(2, 2))
      .when(closeOffice())
      .thenThrows(InvalidTransition, { status: 'closed' });
  });
});

describe('assets and staff found after registration', () => {
  it('registers an asset and a person later', () => {
    given(countyOfficeInZhengzhou()).when(registerAsset(BUILDING)).then(assetRegistered(BUILDING));
    given(countyOfficeInZhengzhou(), officeAbolished())
      .when(registerStaffMember({ staffId: 'staff-wang', name: '王强' }))
      .then(staffMemberRegistered({ staffId: 'staff-wang', name: '王强' }));
  });

  it('refuses an asset id or staff id already registered', () => {
    given(countyOfficeInZhengzhou())
      .when(registerAsset({ ...LAND, description: '另一块地' }))
      .thenThrows(InvalidCommand, { field: 'asset.assetId', message: 'asset-land' });
    given(countyOfficeInZhengzhou(), assetRegistered(BUILDING))
      .when(registerAsset(BUILDING))
      .thenThrows(InvalidCommand, { field: 'asset.assetId' });
    given(countyOfficeInZhengzhou())
      .when(registerStaffMember(LI))
      .thenThrows(InvalidCommand, { field: 'staffMember.staffId', message: 'staff-li' });
  });

  it('refuses a negative book value', () => {
    given(countyOfficeInZhengzhou())
      .when(registerAsset({ ...BUILDING, bookValue: -100 }))
      .thenThrows(InvalidCommand, { field: 'asset.bookValue' });
  });

  it('a later asset must be disposed of before closing', () => {
    const empty = [
      countyOfficeInZhengzhou({ assets: [], staff: [] }),
      officeAbolished(),
      assetRegistered(BUILDING),
    ];
    given(...empty)
      .when(closeOffice())
      .thenThrows(PolicyViolation, { ruleId: '三(一)', message: 'asset-building' });
    given(...empty, assetDisposed(transfer(BUILDING.assetId)))
      .when(closeOffice())
      .then(officeClosed(1, 0));
  });

  it('accepts nothing after closure', () => {
    const closed = given(
      countyOfficeInZhengzhou({ assets: [], staff: [] }),
      officeAbolished(),
      officeClosed(0, 0),
    );
    closed.when(registerAsset(BUILDING)).thenThrows(InvalidTransition, { status: 'closed' });
    closed.when(registerStaffMember(LI)).thenThrows(InvalidTransition, { status: 'closed' });
    closed
      .when(recordDisposal(transfer(BUILDING.assetId)))
      .thenThrows(InvalidTransition, { status: 'closed' });
    closed.when(requestRetention()).thenThrows(InvalidTransition, { status: 'closed' });
  });
});

describe('evolve: folding the history', () => {
  it('starts unregistered', () => {
    expect(initialState()).toStrictEqual({ status: 'unregistered' });
    expect(foldOffice([])).toStrictEqual({ status: 'unregistered' });
  });

  it('refuses to apply an event to an unregistered office', () => {
    expect(() => evolve(initialState(), officeAbolished())).toThrow('unregistered');
  });

  it('keeps the registered facts, with a retention start tier only where the plan allows a request', () => {
    expect(fold(countyOfficeInZhengzhou())).toStrictEqual({
      status: 'proposed',
      office: {
        officeId: OFFICE_ID,
        name: countyOfficeInZhengzhou().data.name,
        sponsorUnitId: UNIT.wancheng,
        sponsorKind: 'county-government',
        hostCityId: 'zhengzhou',
        pairedAssistance: false,
        disposition: disposition('三(一)-a', '三(一)', 'home-province-capital', 'abolish'),
        assets: { [LAND.assetId]: LAND, [CAR.assetId]: CAR },
        staff: { [ZHANG.staffId]: ZHANG, [LI.staffId]: LI },
      },
    });
    expect(fold(cityOfficeInZhengzhou())).toMatchObject({
      status: 'proposed',
      retentionStartTier: 'municipal',
    });
  });

  it('a full retention approval folds to retained, step by step', () => {
    const history = fullRetentionApproval();
    const steps = history.map((_, index) => fold(...history.slice(0, index + 1)));
    expect(steps.map((state) => [state.status, 'tier' in state ? state.tier : undefined])).toStrictEqual([
      ['proposed', undefined],
      ['retention-requested', 'county'],
      ['retention-requested', 'municipal'],
      ['retention-requested', 'provincial'],
      ['retained', undefined],
    ]);
  });

  it('a return and resubmission fold back to the returning tier', () => {
    const history = [
      cityOfficeInZhengzhou(),
      retentionRequested('municipal'),
      retentionForwarded('municipal', 'provincial'),
      retentionReturned('provincial', '补充'),
    ];
    expect(fold(...history)).toMatchObject({
      status: 'returned-for-revision',
      returnedAt: 'provincial',
      comment: '补充',
    });
    expect(fold(...history, retentionResubmitted('provincial'))).toMatchObject({
      status: 'retention-requested',
      tier: 'provincial',
    });
  });

  it('rulings fold to proposed, with a start tier only when retention may be requested', () => {
    expect(status(fold(uncoveredOffice()))).toBe('awaiting-ruling');
    expect(fold(uncoveredOffice(), officeRuledOn('abolish'))).not.toHaveProperty('retentionStartTier');
    expect(fold(uncoveredOffice(), officeRuledOn('retention-may-be-requested', 'municipal'))).toMatchObject({
      status: 'proposed',
      retentionStartTier: 'municipal',
    });
  });

  it('abolition through closure tracks each disposal and placement', () => {
    const history = [
      countyOfficeInZhengzhou({ staff: [ZHANG] }),
      officeAbolished(),
      assetDisposed(transfer(LAND.assetId)),
      assetDisposed(writeOff(CAR.assetId)),
      staffPlaced(returnedToSponsor(ZHANG.staffId)),
      officeClosed(2, 1),
    ];
    expect(history.map((_, index) => status(fold(...history.slice(0, index + 1))))).toStrictEqual([
      'proposed',
      'abolished',
      'abolished',
      'abolished',
      'abolished',
      'closed',
    ]);
    const closed = fold(...history);
    expect(closed.status === 'closed' && closed.office.assets).toStrictEqual({
      [LAND.assetId]: { ...LAND, disposal: transfer(LAND.assetId) },
      [CAR.assetId]: { ...CAR, disposal: writeOff(CAR.assetId) },
    });
    expect(closed.status === 'closed' && closed.office.staff).toStrictEqual({
      [ZHANG.staffId]: { ...ZHANG, placement: returnedToSponsor(ZHANG.staffId) },
    });
  });

  it('does not change the given state (events are applied to copies)', () => {
    const registered = fold(countyOfficeInZhengzhou());
    const snapshot = structuredClone(registered);
    evolve(evolve(registered, assetRegistered(BUILDING)), officeAbolished());
    expect(registered).toStrictEqual(snapshot);
  });
});
