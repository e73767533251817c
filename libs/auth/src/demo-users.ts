import type { UserAccount } from './identity';
import type { RegistrationResult, UserCommandMeta, UserDirectory } from './user-accounts';

/** Every demo account signs in with this password. Demo data only: never seed these where real data lives. */
export const DEMO_PASSWORD = 'demo-password';

/** One or more accounts for every role and tier, bound to Nanyang's units (the README lists them). */
export const DEMO_USERS: readonly UserAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', unitId: 'henan' },
  {
    username: 'supervisor.henan',
    displayName: '河南省清理工作领导小组办公室',
    role: 'supervisor',
    unitId: 'henan',
  },
  {
    username: 'supervisor.nanyang',
    displayName: '南阳市清理工作领导小组办公室',
    role: 'supervisor',
    unitId: 'henan.nanyang',
  },
  {
    username: 'approver.henan',
    displayName: '省机关事务管理局审批人',
    role: 'approver',
    unitId: 'henan.bureau',
  },
  {
    username: 'approver.nanyang',
    displayName: '市直机关事务管理局审批人',
    role: 'approver',
    unitId: 'henan.nanyang.bureau',
  },
  {
    username: 'approver.xichuan',
    displayName: '淅川县审批人',
    role: 'approver',
    unitId: 'henan.nanyang.xichuan',
  },
  {
    username: 'approver.xichuan.2',
    displayName: '淅川县审批人(二)',
    role: 'approver',
    unitId: 'henan.nanyang.xichuan',
  },
  {
    username: 'approver.xixia',
    displayName: '西峡县审批人',
    role: 'approver',
    unitId: 'henan.nanyang.xixia',
  },
  {
    username: 'approver.tanghe',
    displayName: '唐河县审批人',
    role: 'approver',
    unitId: 'henan.nanyang.tanghe',
  },
  {
    username: 'approver.zhenping',
    displayName: '镇平县审批人',
    role: 'approver',
    unitId: 'henan.nanyang.zhenping',
  },
  {
    username: 'approver.sheqi',
    displayName: '社旗县审批人',
    role: 'approver',
    unitId: 'henan.nanyang.sheqi',
  },
  {
    username: 'approver.fangcheng',
    displayName: '方城县审批人',
    role: 'approver',
    unitId: 'henan.nanyang.fangcheng',
  },
  { username: 'clerk.nanyang', displayName: '南阳市政府办联络员', role: 'clerk', unitId: 'henan.nanyang' },
  {
    username: 'clerk.commerce',
    displayName: '南阳市商务局联络员',
    role: 'clerk',
    unitId: 'henan.nanyang.commerce',
  },
  { username: 'clerk.xichuan', displayName: '淅川县联络员', role: 'clerk', unitId: 'henan.nanyang.xichuan' },
  { username: 'clerk.xixia', displayName: '西峡县联络员', role: 'clerk', unitId: 'henan.nanyang.xixia' },
  { username: 'clerk.tanghe', displayName: '唐河县联络员', role: 'clerk', unitId: 'henan.nanyang.tanghe' },
];

export function demoUser(username: string): UserAccount {
  const user = DEMO_USERS.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

/** Registers every demo account; running it again appends nothing. */
export async function seedDemoUsers(
  directory: UserDirectory,
  meta: UserCommandMeta = { actor: 'demo-seed', role: 'admin', comment: 'demo accounts' },
): Promise<RegistrationResult[]> {
  const results: RegistrationResult[] = [];
  // One at a time: bcrypt is CPU-bound, so running them together would only delay the first.
  for (const account of DEMO_USERS) {
    // An account an administrator has changed since (another role or unit) stays as administered.
    const existing = await directory.current(account.username);
    results.push(
      existing
        ? { account: existing.account, created: false }
        : await directory.register(account, DEMO_PASSWORD, meta),
    );
  }
  return results;
}
