import { JurisdictionCatalog, NANYANG_UNITS } from '@liaison/domain';
import { DEMO_USERS, demoUser } from './demo-users';
import {
  approverTier,
  governmentOf,
  isOfficesBureau,
  jurisdictionOf,
  profileOf,
  validateAccount,
  type UserAccount,
} from './identity';

const catalog = new JurisdictionCatalog(NANYANG_UNITS);

const account = (overrides: Partial<UserAccount>): UserAccount => ({
  username: 'someone',
  displayName: '某人',
  role: 'clerk',
  unitId: 'henan.nanyang.xichuan',
  ...overrides,
});

describe('the tier an approver decides at', () => {
  it.each([
    ['henan.nanyang.xichuan', 'county'],
    ['henan.nanyang.high-tech-zone', 'county'],
    ['henan.nanyang', 'municipal'],
    ['henan', 'provincial'],
    // A government's offices administration bureau decides for that government.
    ['henan.nanyang.bureau', 'municipal'],
    ['henan.bureau', 'provincial'],
  ] as const)('an approver bound to %s decides at the %s tier', (unitId, tier) => {
    expect(approverTier(catalog, unitId)).toBe(tier);
  });

  it.each(['henan.nanyang.commerce', 'henan.nanyang.xichuan.commerce', 'nowhere'])(
    'no approver can be bound to %s (a sponsor, not a deciding body, or unknown)',
    (unitId) => {
      expect(approverTier(catalog, unitId)).toBeUndefined();
    },
  );

  it('only the department named <government>.bureau is a bureau', () => {
    expect(isOfficesBureau(catalog, 'henan.nanyang.bureau')).toBe(true);
    expect(isOfficesBureau(catalog, 'henan.bureau')).toBe(true);
    expect(isOfficesBureau(catalog, 'henan.nanyang.drc')).toBe(false);
    expect(isOfficesBureau(catalog, 'henan.nanyang')).toBe(false);
    expect(isOfficesBureau(catalog, 'nowhere')).toBe(false);
  });

  it('a department belongs to the government above it', () => {
    expect(governmentOf(catalog, 'henan.nanyang.xichuan.commerce')?.id).toBe('henan.nanyang.xichuan');
    expect(governmentOf(catalog, 'henan.nanyang.bureau')?.id).toBe('henan.nanyang');
    expect(governmentOf(catalog, 'henan.nanyang')?.id).toBe('henan.nanyang');
    expect(governmentOf(catalog, 'nowhere')).toBeUndefined();
  });
});

describe('the jurisdiction a user acts within', () => {
  it.each([
    ['clerk.xichuan', 'henan.nanyang.xichuan'],
    ['clerk.commerce', 'henan.nanyang.commerce'],
    ['clerk.nanyang', 'henan.nanyang'],
    ['approver.xichuan', 'henan.nanyang.xichuan'],
    ['approver.nanyang', 'henan.nanyang'],
    ['approver.henan', 'henan'],
    ['supervisor.nanyang', 'henan.nanyang'],
    ['supervisor.henan', 'henan'],
  ])('%s acts within %s', (username, root) => {
    expect(jurisdictionOf(catalog, demoUser(username))).toBe(root);
  });

  it('a supervisor in a department (the Bureau) acts for the government above it', () => {
    expect(jurisdictionOf(catalog, account({ role: 'supervisor', unitId: 'henan.nanyang.bureau' }))).toBe(
      'henan.nanyang',
    );
  });

  it('an admin is bound to no part of the tree', () => {
    expect(jurisdictionOf(catalog, demoUser('admin'))).toBeUndefined();
  });

  it('the profile adds the tier for an approver and the jurisdiction root', () => {
    expect(profileOf(catalog, demoUser('approver.nanyang'))).toStrictEqual({
      username: 'approver.nanyang',
      displayName: '市直机关事务管理局审批人',
      role: 'approver',
      unitId: 'henan.nanyang.bureau',
      tier: 'municipal',
      jurisdictionId: 'henan.nanyang',
    });
    expect(profileOf(catalog, demoUser('clerk.xichuan'))).not.toHaveProperty('tier');
    expect(profileOf(catalog, demoUser('admin'))).not.toHaveProperty('jurisdictionId');
  });
});

describe('validating an account before it is registered', () => {
  it('accepts every demo account, each under its own name', () => {
    for (const user of DEMO_USERS) expect(validateAccount(catalog, user)).toStrictEqual([]);
    expect(new Set(DEMO_USERS.map((user) => user.username)).size).toBe(DEMO_USERS.length);
  });

  it('refuses an approver bound to a unit that decides at no tier', () => {
    expect(
      validateAccount(catalog, account({ role: 'approver', unitId: 'henan.nanyang.commerce' })),
    ).toStrictEqual([{ field: 'unitId', message: expect.stringContaining('decides at no tier') }]);
  });

  it('accepts clerks and supervisors in any department', () => {
    expect(validateAccount(catalog, account({ unitId: 'henan.nanyang.commerce' }))).toStrictEqual([]);
    expect(
      validateAccount(catalog, account({ role: 'supervisor', unitId: 'henan.nanyang.drc' })),
    ).toStrictEqual([]);
  });

  it('refuses an unknown unit', () => {
    expect(validateAccount(catalog, account({ unitId: 'henan.nowhere' }))).toStrictEqual([
      { field: 'unitId', message: 'unknown jurisdiction unit henan.nowhere' },
    ]);
  });

  it.each(['A', 'Upper.Case', 'has space', 'x', 'a'.repeat(65), 'semi;colon', ''])(
    'refuses the username %j',
    (username) => {
      expect(validateAccount(catalog, account({ username })).map((problem) => problem.field)).toStrictEqual([
        'username',
      ]);
    },
  );

  it('refuses an unknown role and an empty or overlong display name', () => {
    const problems = validateAccount(catalog, account({ role: 'root' as never, displayName: '  ' }));
    expect(problems.map((problem) => problem.field)).toStrictEqual(['displayName', 'role']);
    expect(validateAccount(catalog, account({ displayName: '名'.repeat(101) }))[0]?.field).toBe(
      'displayName',
    );
  });
});
