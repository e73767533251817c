import { JurisdictionCatalog, NANYANG_UNITS } from '@liaison/domain';
import { demoUser } from './demo-users';
import type { UserAccount } from './identity';
import { authorize, listScope, type Action, type PolicyContext } from './policy';
import { ACCOUNT_RULES } from './user-policy';

// Nanyang plus a second city: a municipal administrator of Nanyang must not reach Luoyang's accounts.
const catalog = new JurisdictionCatalog([
  ...NANYANG_UNITS,
  { id: 'henan.luoyang', name: '洛阳市', kind: 'city', parentId: 'henan' },
  {
    id: 'henan.luoyang.bureau',
    name: '洛阳市直机关事务管理局',
    kind: 'department',
    parentId: 'henan.luoyang',
  },
  { id: 'henan.luoyang.luoning', name: '洛宁县', kind: 'county', parentId: 'henan.luoyang' },
]);

const account = (username: string, role: UserAccount['role'], unitId: string): UserAccount => ({
  username,
  displayName: username,
  role,
  unitId,
});
const PROVINCE_ADMIN = demoUser('admin');
const NANYANG_ADMIN = account('admin.nanyang', 'admin', 'henan.nanyang.bureau');
const LUOYANG_APPROVER = account('approver.luoning', 'approver', 'henan.luoyang.luoning');
const TONGBAI_APPROVER = account('approver.tongbai', 'approver', 'henan.nanyang.tongbai');

const ask = (user: UserAccount, action: Action, question: Omit<PolicyContext, 'jurisdictions'> = {}) =>
  authorize(user, action, { jurisdictions: catalog, ...question });

describe('user accounts: who may see and change them', () => {
  it('only an administrator, and saying which rule refuses anyone else', () => {
    for (const name of ['supervisor.henan', 'approver.henan', 'clerk.nanyang']) {
      expect(ask(demoUser(name), 'user.manage', { grant: { role: 'clerk', unitId: 'henan' } })).toMatchObject(
        {
          allowed: false,
          hide: false,
          rule: ACCOUNT_RULES.adminOnly,
        },
      );
      expect(ask(demoUser(name), 'user.read', { subject: TONGBAI_APPROVER })).toMatchObject({
        rule: ACCOUNT_RULES.adminOnly,
        reason: expect.stringContaining('only an administrator sees user accounts'),
      });
    }
  });

  it('an administrator of the province: every account, any role and unit', () => {
    expect(ask(PROVINCE_ADMIN, 'user.read', { subject: LUOYANG_APPROVER })).toStrictEqual({ allowed: true });
    expect(
      ask(PROVINCE_ADMIN, 'user.manage', {
        subject: NANYANG_ADMIN,
        grant: { role: 'admin', unitId: 'henan' },
      }),
    ).toStrictEqual({ allowed: true });
  });

  it('a municipal administrator: the accounts of the city, as if no other city’s existed', () => {
    expect(ask(NANYANG_ADMIN, 'user.read', { subject: TONGBAI_APPROVER })).toStrictEqual({ allowed: true });
    expect(
      ask(NANYANG_ADMIN, 'user.manage', { grant: { role: 'approver', unitId: 'henan.nanyang.tongbai' } }),
    ).toStrictEqual({ allowed: true });
    for (const action of ['user.read', 'user.manage'] as const) {
      expect(ask(NANYANG_ADMIN, action, { subject: LUOYANG_APPROVER })).toMatchObject({
        allowed: false,
        hide: true,
        rule: ACCOUNT_RULES.withinJurisdiction,
      });
      expect(ask(NANYANG_ADMIN, action, { subject: PROVINCE_ADMIN })).toMatchObject({ hide: true });
    }
  });

  it('a municipal administrator binds no account outside the city (403 naming the rule)', () => {
    const decision = ask(NANYANG_ADMIN, 'user.manage', {
      grant: { role: 'approver', unitId: 'henan.luoyang.luoning' },
    });
    expect(decision).toMatchObject({
      allowed: false,
      hide: false,
      rule: ACCOUNT_RULES.grantWithinJurisdiction,
      reason: expect.stringContaining('henan.luoyang.luoning lies outside admin.nanyang'),
    });
    // Moving one of the city's own accounts to another city is the same refusal.
    expect(
      ask(NANYANG_ADMIN, 'user.manage', {
        subject: TONGBAI_APPROVER,
        grant: { role: 'approver', unitId: 'henan.luoyang.luoning' },
      }),
    ).toMatchObject({ rule: ACCOUNT_RULES.grantWithinJurisdiction });
  });

  it('a municipal administrator makes no administrator wider than themselves', () => {
    for (const unitId of ['henan', 'henan.bureau', 'henan.luoyang']) {
      expect(ask(NANYANG_ADMIN, 'user.manage', { grant: { role: 'admin', unitId } })).toMatchObject({
        allowed: false,
        hide: false,
        rule: ACCOUNT_RULES.noWiderAdmin,
      });
    }
    // Another administrator of the city, or of one of its counties, is within.
    for (const unitId of ['henan.nanyang', 'henan.nanyang.tongbai']) {
      expect(ask(NANYANG_ADMIN, 'user.manage', { grant: { role: 'admin', unitId } })).toStrictEqual({
        allowed: true,
      });
    }
  });

  it('nobody administers their own account', () => {
    for (const admin of [PROVINCE_ADMIN, NANYANG_ADMIN]) {
      expect(ask(admin, 'user.manage', { subject: admin })).toMatchObject({
        allowed: false,
        hide: false,
        rule: ACCOUNT_RULES.notSelf,
      });
      expect(ask(admin, 'user.read', { subject: admin })).toStrictEqual({ allowed: true });
    }
  });
});

describe('a municipal administrator elsewhere: the city only', () => {
  it('sees and acts on the city’s offices; another city’s do not exist for them', () => {
    expect(ask(NANYANG_ADMIN, 'office.read', { sponsorUnitId: 'henan.nanyang.xichuan' })).toStrictEqual({
      allowed: true,
    });
    expect(ask(NANYANG_ADMIN, 'office.read', { sponsorUnitId: 'henan.luoyang.luoning' })).toMatchObject({
      hide: true,
    });
    expect(ask(NANYANG_ADMIN, 'office.register', { sponsorUnitId: 'henan.luoyang.luoning' })).toMatchObject({
      allowed: false,
      hide: false,
    });
    expect(ask(NANYANG_ADMIN, 'unit.file', { sponsorUnitId: 'henan.luoyang.luoning' })).toMatchObject({
      allowed: false,
    });
    expect(listScope(NANYANG_ADMIN, catalog)).toStrictEqual({ kind: 'within', unitId: 'henan.nanyang' });
    expect(listScope(NANYANG_ADMIN, catalog, 'henan.luoyang')).toStrictEqual({ kind: 'none' });
  });

  it('moves no campaign deadline and gives no ruling: those are the province’s', () => {
    expect(ask(NANYANG_ADMIN, 'office.rule', { sponsorUnitId: 'henan.nanyang' })).toMatchObject({
      allowed: false,
      hide: false,
    });
    expect(ask(NANYANG_ADMIN, 'campaign.manage')).toMatchObject({ allowed: false });
    expect(ask(PROVINCE_ADMIN, 'campaign.manage')).toStrictEqual({ allowed: true });
  });
});
