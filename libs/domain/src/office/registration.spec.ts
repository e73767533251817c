import { InvalidCommand, InvalidTransition, PolicyViolation } from '../errors';
import type { SponsorKind } from '../jurisdiction';
import { givenWhenThen } from '../testing/given-when-then';
import {
  BUILDING,
  CAR,
  LAND,
  LI,
  OFFICE_ID,
  UNIT,
  ZHANG,
  abolishOffice,
  closeOffice,
  disposition,
  nanyangContext,
  recordDisposal,
  registerAsset,
  registerOffice,
  registerStaffMember,
  requestRetention,
  transfer,
} from '../testing/office-fixtures';
import {
  assetDisposed,
  assetRegistered,
  countyOfficeInZhengzhou,
  deadlineSetAt,
  officeAbolished,
  officeClosed,
  staffMemberRegistered,
  status,
} from '../testing/office-history';
import type { Disposition, RuleId } from '../disposition';
import { officeDecider } from './decide';
import type { OfficeEvent } from './events';
import { type OfficeStatus } from './state';

const { given } = givenWhenThen(officeDecider(nanyangContext()));

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
      const registered: OfficeEvent = {
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
      };
      // An office the plan does not cover opens the provincial ruling task, dated in the same append.
      const { state } = given()
        .when(command)
        .then(
          ...(expectedStatus === 'awaiting-ruling'
            ? [registered, deadlineSetAt(0, 'provincial')]
            : [registered]),
        );
      expect(status(state)).toBe(expectedStatus);
      expect(state.office.status === 'proposed' ? state.office.retentionStartTier : undefined).toBe(
        expected.retentionStartTier,
      );
    },
  );
});

describe('一 范围: who and where can be registered', () => {
  it('refuses an unknown sponsor unit', () => {
    given()
      .when(registerOffice({ sponsor: 'henan.nanyang.nowhere', host: 'zhengzhou' }))
      .thenThrows(InvalidCommand, { field: 'sponsorUnitId', message: 'henan.nanyang.nowhere' });
  });

  it('refuses a retired sponsor unit, citing 一', () => {
    const context = nanyangContext();
    const unit = context.jurisdictions.get(UNIT.xichuanCommerce);
    context.jurisdictions.put({ ...unit, retired: true });
    givenWhenThen(officeDecider(context))
      .given()
      .when(registerOffice({ sponsor: UNIT.xichuanCommerce, host: 'zhengzhou' }))
      .thenThrows(InvalidCommand, { ruleId: '一', field: 'sponsorUnitId', message: '淅川县商务局' });
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
