import { candidateGroup, staffedTier, type ApproverRoster } from '../groups';
import { JurisdictionCatalog } from '../jurisdiction';
import { HENAN_UNITS } from '../province';
import { givenWhenThen } from '../testing/given-when-then';
import {
  decideAt,
  nanyangContext,
  requestRetention,
  resubmitRetention,
  UNIT,
} from '../testing/office-fixtures';
import {
  deadlineSetAt,
  pairedAssistanceOffice,
  retentionForwarded,
  retentionRequested,
  retentionReturned,
} from '../testing/office-history';
import type { Tier } from '../tiers';
import { officeDecider } from './decide';

/** A roster in which exactly these groups have an active approver. */
function staffed(...groups: string[]): ApproverRoster {
  const set = new Set(groups);
  return { hasActiveApprover: (tier: Tier, unitId: string) => set.has(candidateGroup(tier, unitId)) };
}

const withRoster = (roster: ApproverRoster) =>
  givenWhenThen(officeDecider({ ...nanyangContext(), approvers: roster }));
const XICHUAN_GROUP = `county@${UNIT.xichuan}`;
const CITY_GROUP = `municipal@${UNIT.city}`;
const PROVINCE_GROUP = 'provincial@henan';

describe('a task is never created for a group nobody can act in (逐级上报审批 does not stall)', () => {
  it('a request opens at its tier when someone can act there', () => {
    withRoster(staffed(XICHUAN_GROUP, CITY_GROUP, PROVINCE_GROUP))
      .given(pairedAssistanceOffice())
      .when(requestRetention())
      .then(retentionRequested('county'), deadlineSetAt(1, 'county'));
  });

  it('a request from a county with no active approver goes to the municipal tier, the bypass on record', () => {
    const { events } = withRoster(staffed(CITY_GROUP, PROVINCE_GROUP))
      .given(pairedAssistanceOffice())
      .when(requestRetention())
      .then(
        {
          ...retentionRequested('municipal'),
          data: {
            ...retentionRequested('municipal').data,
            bypassed: [{ tier: 'county', candidateGroup: XICHUAN_GROUP, reason: 'no-active-approver' }],
          },
        },
        deadlineSetAt(1, 'municipal'),
      );
    expect(events[0]!.type).toBe('RetentionRequested');
  });

  it('climbs past every empty tier but never past the top: an empty provincial group still gets its task', () => {
    withRoster(staffed())
      .given(pairedAssistanceOffice())
      .when(requestRetention())
      .then(
        {
          type: 'RetentionRequested',
          data: {
            ...retentionRequested('provincial').data,
            bypassed: [
              { tier: 'county', candidateGroup: XICHUAN_GROUP, reason: 'no-active-approver' },
              { tier: 'municipal', candidateGroup: CITY_GROUP, reason: 'no-active-approver' },
            ],
          },
        },
        deadlineSetAt(1, 'provincial'),
      );
  });

  it('an approval forwarded to an empty tier goes to the tier above it', () => {
    withRoster(staffed(XICHUAN_GROUP, PROVINCE_GROUP))
      .given(pairedAssistanceOffice(), retentionRequested('county'), deadlineSetAt(1, 'county'))
      .when(decideAt('county', 'approve'))
      .then(
        {
          ...retentionForwarded('county', 'provincial'),
          data: {
            ...retentionForwarded('county', 'provincial').data,
            bypassed: [{ tier: 'municipal', candidateGroup: CITY_GROUP, reason: 'no-active-approver' }],
          },
        },
        deadlineSetAt(3, 'provincial'),
      );
  });

  it('a resubmission to a tier that has lost its approvers goes up', () => {
    withRoster(staffed(CITY_GROUP, PROVINCE_GROUP))
      .given(
        pairedAssistanceOffice(),
        retentionRequested('county'),
        deadlineSetAt(1, 'county'),
        retentionReturned('county'),
      )
      .when(resubmitRetention())
      .then(
        {
          type: 'RetentionResubmitted',
          data: {
            ...retentionRequested('municipal').data,
            bypassed: [{ tier: 'county', candidateGroup: XICHUAN_GROUP, reason: 'no-active-approver' }],
          },
        },
        deadlineSetAt(4, 'municipal'),
      );
  });

  it('a county the province administers directly has no municipal tier: its request skips to the province', () => {
    const catalog = new JurisdictionCatalog(HENAN_UNITS);
    expect(staffedTier(catalog, '411381', 'county', staffed('county@411381', PROVINCE_GROUP))).toStrictEqual({
      tier: 'county',
      bypassed: [],
    });
    expect(staffedTier(catalog, '411381', 'municipal', undefined)).toStrictEqual({
      tier: 'provincial',
      bypassed: [{ tier: 'municipal', candidateGroup: 'municipal@henan', reason: 'no-government' }],
    });
  });

  it('without a roster (a tool with no read models) nothing is passed over for want of approvers', () => {
    const catalog = new JurisdictionCatalog(HENAN_UNITS);
    expect(staffedTier(catalog, UNIT.xichuan, 'county', undefined)).toStrictEqual({
      tier: 'county',
      bypassed: [],
    });
  });
});
