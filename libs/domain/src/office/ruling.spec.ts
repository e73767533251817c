import { InvalidTransition, PolicyViolation } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import {
  LAND,
  abolishOffice,
  nanyangContext,
  registerAsset,
  requestRetention,
  ruleOn,
} from '../testing/office-fixtures';
import {
  assetRegistered,
  countyOfficeInZhengzhou,
  officeAbolished,
  officeRuledOn,
  retentionRequested,
  uncoveredOffice,
  deadlineSetAt,
} from '../testing/office-history';
import type { Tier } from '../tiers';
import { officeDecider } from './decide';

const { given } = givenWhenThen(officeDecider(nanyangContext()));

describe('三 处置: the disposition an office gets at registration', () => {
  describe('not covered: the ruling (the plan is silent, so the province decides)', () => {
    it('is made at the provincial tier; an abolition ruling leaves no retention start tier', () => {
      const { state } = given(uncoveredOffice())
        .when(ruleOn('provincial', 'abolish', '参照三(一)-b撤销'))
        .then(officeRuledOn('abolish', undefined, '参照三(一)-b撤销'));
      expect(state.office).toMatchObject({ status: 'proposed' });
      expect(state.office.status === 'proposed' && 'retentionStartTier' in state.office).toBe(false);
    });

    it('allowing retention starts a municipal sponsor at the municipal tier', () => {
      const { state } = given(uncoveredOffice())
        .when(ruleOn('provincial', 'retention-may-be-requested'))
        .then(officeRuledOn('retention-may-be-requested', 'municipal'));
      expect(state.office).toMatchObject({ status: 'proposed', retentionStartTier: 'municipal' });
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
        .then(retentionRequested('municipal'), deadlineSetAt(2, 'municipal'));
      expect(state.office).toMatchObject({ status: 'retention-requested', tier: 'municipal' });
    });

    it('nothing but registering assets or staff happens while awaiting the ruling', () => {
      const awaiting = given(uncoveredOffice());
      awaiting.when(requestRetention()).thenThrows(InvalidTransition, { status: 'awaiting-ruling' });
      awaiting.when(abolishOffice()).thenThrows(InvalidTransition, { status: 'awaiting-ruling' });
      awaiting.when(registerAsset(LAND)).then(assetRegistered(LAND));
    });
  });
});
