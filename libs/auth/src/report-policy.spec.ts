import { JurisdictionCatalog, NANYANG_UNITS } from '@liaison/domain';
import { demoUser } from './demo-users';
import type { UserAccount } from './identity';
import { authorize } from './policy';

const catalog = new JurisdictionCatalog([
  ...NANYANG_UNITS,
  { id: 'henan.luoyang', name: '洛阳市', kind: 'city', parentId: 'henan' },
]);
const ask = (user: UserAccount, action: 'report.read' | 'report.act', cityId = 'henan.nanyang') =>
  authorize(user, action, { jurisdictions: catalog, sponsorUnitId: cityId });
const account = (username: string, role: UserAccount['role'], unitId: string): UserAccount => ({
  username,
  displayName: username,
  role,
  unitId,
});

describe("who reads and acts on a city's report (七(三))", () => {
  it("the city's supervisors read, inspect, review and submit it", () => {
    const bureau = demoUser('supervisor.nanyang')!;
    expect([ask(bureau, 'report.read').allowed, ask(bureau, 'report.act').allowed]).toEqual([true, true]);
  });
  it("the province's supervisors read every city's report but act on none", () => {
    const province = demoUser('supervisor.henan')!;
    expect(ask(province, 'report.read').allowed).toBe(true);
    expect(ask(province, 'report.read', 'henan.luoyang').allowed).toBe(true);
    expect(ask(province, 'report.act')).toMatchObject({ allowed: false, rule: '七(三)' });
  });
  it('a province administrator may act for a city, a city’s supervisor not for another city', () => {
    expect(ask(demoUser('admin')!, 'report.act').allowed).toBe(true);
    const luoyang = account('supervisor.luoyang', 'supervisor', 'henan.luoyang');
    expect(ask(luoyang, 'report.read').allowed).toBe(false);
  });
  it('clerks and approvers do not see the report', () => {
    expect(ask(demoUser('clerk.nanyang')!, 'report.read').allowed).toBe(false);
    expect(ask(demoUser('approver.nanyang')!, 'report.act').allowed).toBe(false);
    expect(
      ask(account('supervisor.xichuan', 'supervisor', 'henan.nanyang.xichuan'), 'report.read').allowed,
    ).toBe(false);
  });
});
