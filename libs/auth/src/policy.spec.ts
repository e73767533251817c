import { JurisdictionCatalog, NANYANG_UNITS, type Tier } from '@liaison/domain';
import { demoUser } from './demo-users';
import type { UserAccount } from './identity';
import {
  authorize,
  inboxOf,
  listScope,
  noticeAudiences,
  type Action,
  type Decision,
  type PolicyContext,
} from './policy';

// Nanyang plus a second city, so that "outside the jurisdiction" also means another city of the same province.
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

const LUOYANG_SUPERVISOR: UserAccount = {
  username: 'supervisor.luoyang',
  displayName: '洛阳市清理工作领导小组办公室',
  role: 'supervisor',
  unitId: 'henan.luoyang.bureau',
};
const userNamed = (username: string) =>
  username === LUOYANG_SUPERVISOR.username ? LUOYANG_SUPERVISOR : demoUser(username);

type Outcome = 'allowed' | 'forbidden' | 'hidden';

/** given <user>, when <action> on an office of <sponsor> (task waiting at <tier>), then <outcome>. */
function given(user: UserAccount | string) {
  const account = typeof user === 'string' ? userNamed(user) : user;
  return {
    when(action: Action, question: Omit<PolicyContext, 'jurisdictions'> = {}) {
      const decision = authorize(account, action, { jurisdictions: catalog, ...question });
      return {
        decision,
        then(outcome: Outcome, reason?: string | RegExp): Decision {
          if (outcome === 'allowed') expect(decision).toStrictEqual({ allowed: true });
          else expect(decision).toMatchObject({ allowed: false, hide: outcome === 'hidden' });
          if (!decision.allowed && typeof reason === 'string') expect(decision.reason).toContain(reason);
          if (!decision.allowed && reason instanceof RegExp) expect(decision.reason).toMatch(reason);
          return decision;
        },
      };
    },
  };
}

type Row = [user: string, sponsor: string | undefined, tier: Tier | undefined, outcome: Outcome];

function table(action: Action, rows: Row[]) {
  it.each(rows)(
    `given %s, when ${action} on an office of %s (tier %s), then %s`,
    (user, sponsor, tier, outcome) => {
      const question = {
        ...(sponsor === undefined ? {} : { sponsorUnitId: sponsor }),
        ...(tier === undefined ? {} : { tier }),
      };
      given(user).when(action, question).then(outcome);
    },
  );
}

describe('office.register: a clerk registers offices of their own unit and below it', () => {
  table('office.register', [
    ['clerk.xichuan', 'henan.nanyang.xichuan', undefined, 'allowed'],
    ['clerk.xichuan', 'henan.nanyang.xichuan.commerce', undefined, 'allowed'],
    ['clerk.xichuan', 'henan.nanyang.xixia', undefined, 'forbidden'],
    ['clerk.xichuan', 'henan.nanyang', undefined, 'forbidden'],
    ['clerk.commerce', 'henan.nanyang.commerce', undefined, 'allowed'],
    ['clerk.commerce', 'henan.nanyang', undefined, 'forbidden'],
    ['clerk.nanyang', 'henan.nanyang', undefined, 'allowed'],
    ['clerk.tanghe', 'henan.nanyang.tanghe.commerce', undefined, 'allowed'],
    ['approver.xichuan', 'henan.nanyang.xichuan', undefined, 'forbidden'],
    ['supervisor.nanyang', 'henan.nanyang.xichuan', undefined, 'forbidden'],
    ['admin', 'henan.nanyang.xixia', undefined, 'allowed'],
  ]);

  it('sponsor units are public reference data, so a refusal is a 403 that says why', () => {
    given('clerk.xichuan')
      .when('office.register', { sponsorUnitId: 'henan.nanyang.xixia' })
      .then(
        'forbidden',
        'clerk.xichuan is a clerk of henan.nanyang.xichuan and cannot register offices of henan.nanyang.xixia',
      );
    given('clerk.xichuan')
      .when('office.register', { sponsorUnitId: 'henan.nowhere' })
      .then('forbidden', 'unknown jurisdiction unit henan.nowhere');
  });
});

describe('office.read: each role sees the offices within its jurisdiction, and no others exist for it', () => {
  table('office.read', [
    ['clerk.xichuan', 'henan.nanyang.xichuan.commerce', undefined, 'allowed'],
    ['clerk.xichuan', 'henan.nanyang.xixia', undefined, 'hidden'],
    ['clerk.commerce', 'henan.nanyang.commerce', undefined, 'allowed'],
    ['clerk.commerce', 'henan.nanyang', undefined, 'hidden'],
    ['approver.xichuan', 'henan.nanyang.xichuan.commerce', undefined, 'allowed'],
    ['approver.xichuan', 'henan.nanyang.xixia', undefined, 'hidden'],
    ['approver.xichuan', 'henan.nanyang', undefined, 'hidden'],
    ['approver.nanyang', 'henan.nanyang.xixia.agriculture', undefined, 'allowed'],
    ['approver.nanyang', 'henan.nanyang', undefined, 'allowed'],
    ['approver.nanyang', 'henan.luoyang.luoning', undefined, 'hidden'],
    ['approver.henan', 'henan.luoyang.luoning', undefined, 'allowed'],
    ['supervisor.nanyang', 'henan.nanyang.tanghe.commerce', undefined, 'allowed'],
    ['supervisor.nanyang', 'henan.luoyang', undefined, 'hidden'],
    ['supervisor.luoyang', 'henan.luoyang.luoning', undefined, 'allowed'],
    ['supervisor.luoyang', 'henan.nanyang.xichuan', undefined, 'hidden'],
    ['supervisor.henan', 'henan.luoyang.luoning', undefined, 'allowed'],
    ['admin', 'henan.luoyang.luoning', undefined, 'allowed'],
  ]);

  it('an unknown sponsor lies in nobody’s jurisdiction but the admin’s', () => {
    given('supervisor.henan').when('office.read', { sponsorUnitId: 'nowhere' }).then('hidden');
    given('admin').when('office.read', { sponsorUnitId: 'nowhere' }).then('allowed');
  });

  it('a question without the office’s sponsor is refused rather than guessed', () => {
    given('approver.henan').when('office.read').then('hidden', 'sponsor unit of the office is not given');
  });

  it('an account bound to a unit the catalogue no longer has sees nothing', () => {
    const stale: UserAccount = { ...demoUser('clerk.xichuan'), unitId: 'henan.nanyang.gone' };
    given(stale).when('office.read', { sponsorUnitId: 'henan.nanyang.xichuan' }).then('hidden');
    expect(listScope(stale, catalog)).toStrictEqual({ kind: 'none' });
  });
});

describe('office.act: the sponsor’s own work (retention request, abolition, disposals, placements, closure)', () => {
  table('office.act', [
    ['clerk.xichuan', 'henan.nanyang.xichuan', undefined, 'allowed'],
    ['clerk.xichuan', 'henan.nanyang.xichuan.commerce', undefined, 'allowed'],
    ['clerk.xichuan', 'henan.nanyang.tanghe', undefined, 'hidden'],
    ['clerk.nanyang', 'henan.nanyang', undefined, 'allowed'],
    ['clerk.commerce', 'henan.nanyang.commerce', undefined, 'allowed'],
    ['approver.xichuan', 'henan.nanyang.xichuan', undefined, 'forbidden'],
    ['approver.xixia', 'henan.nanyang.xichuan', undefined, 'hidden'],
    ['supervisor.nanyang', 'henan.nanyang.xichuan', undefined, 'forbidden'],
    ['admin', 'henan.nanyang.xichuan', undefined, 'allowed'],
  ]);

  it('an approver who can see the office is told it is the clerk’s work', () => {
    given('approver.xichuan')
      .when('office.act', { sponsorUnitId: 'henan.nanyang.xichuan' })
      .then('forbidden', 'only a clerk of the sponsor acts on its office; approver.xichuan is an approver');
  });
});

describe('task.claim and task.decide: an approver of exactly the task’s tier, within their jurisdiction', () => {
  const rows: Row[] = [
    ['approver.xichuan', 'henan.nanyang.xichuan', 'county', 'allowed'],
    ['approver.xichuan', 'henan.nanyang.xichuan.commerce', 'county', 'allowed'],
    ['approver.xichuan.2', 'henan.nanyang.xichuan', 'county', 'allowed'],
    // A county approver cannot decide what waits at the municipal tier.
    ['approver.xichuan', 'henan.nanyang.xichuan', 'municipal', 'forbidden'],
    ['approver.xixia', 'henan.nanyang.xichuan', 'county', 'hidden'],
    ['approver.tanghe', 'henan.nanyang.tanghe.commerce', 'county', 'allowed'],
    ['approver.zhenping', 'henan.nanyang.zhenping', 'county', 'allowed'],
    ['approver.sheqi', 'henan.nanyang.sheqi', 'county', 'allowed'],
    ['approver.fangcheng', 'henan.nanyang.fangcheng', 'county', 'allowed'],
    // The municipal bureau's approver decides municipal tasks for any Nanyang sponsor.
    ['approver.nanyang', 'henan.nanyang.xichuan', 'municipal', 'allowed'],
    ['approver.nanyang', 'henan.nanyang.xixia.agriculture', 'municipal', 'allowed'],
    ['approver.nanyang', 'henan.nanyang', 'municipal', 'allowed'],
    ['approver.nanyang', 'henan.nanyang.commerce', 'municipal', 'allowed'],
    ['approver.nanyang', 'henan.nanyang.xichuan', 'county', 'forbidden'],
    ['approver.nanyang', 'henan.nanyang.xichuan', 'provincial', 'forbidden'],
    ['approver.nanyang', 'henan.luoyang.luoning', 'municipal', 'hidden'],
    ['approver.henan', 'henan.nanyang.xichuan', 'provincial', 'allowed'],
    ['approver.henan', 'henan.luoyang', 'provincial', 'allowed'],
    ['approver.henan', 'henan.nanyang', 'municipal', 'forbidden'],
    ['clerk.xichuan', 'henan.nanyang.xichuan', 'county', 'forbidden'],
    ['supervisor.nanyang', 'henan.nanyang.xichuan', 'county', 'forbidden'],
    ['admin', 'henan.nanyang.xichuan', 'county', 'forbidden'],
    ['approver.xichuan', 'henan.nanyang.xichuan', undefined, 'forbidden'],
  ];
  describe('task.claim', () => table('task.claim', rows));
  describe('task.decide', () => table('task.decide', rows));

  it('a refusal at the wrong tier names both tiers', () => {
    given('approver.xichuan')
      .when('task.decide', { sponsorUnitId: 'henan.nanyang.xichuan', tier: 'municipal' })
      .then(
        'forbidden',
        'the request waits at the municipal tier; approver.xichuan decides at the county tier',
      );
  });

  it('an approver bound where no tier is decided can read but never decide', () => {
    const misbound: UserAccount = { ...demoUser('approver.nanyang'), unitId: 'henan.nanyang.commerce' };
    given(misbound).when('office.read', { sponsorUnitId: 'henan.nanyang.xichuan' }).then('allowed');
    given(misbound)
      .when('task.decide', { sponsorUnitId: 'henan.nanyang.xichuan', tier: 'municipal' })
      .then('forbidden', 'decides at no tier');
  });
});

describe('task.delegate: the holder hands the task to someone who could claim it', () => {
  const task = { sponsorUnitId: 'henan.nanyang.xichuan', tier: 'county' as const };

  it('given approver.xichuan, when delegating to approver.xichuan.2 (same group), then allowed', () => {
    given('approver.xichuan')
      .when('task.delegate', { ...task, delegateTo: demoUser('approver.xichuan.2') })
      .then('allowed');
  });

  it.each(['approver.xixia', 'approver.nanyang', 'clerk.xichuan'])(
    'given approver.xichuan, when delegating to %s, then forbidden',
    (username) => {
      given('approver.xichuan')
        .when('task.delegate', { ...task, delegateTo: demoUser(username) })
        .then('forbidden', `${username} cannot take over this task`);
    },
  );

  it('given approver.xixia, when delegating a xichuan task, then hidden', () => {
    given('approver.xixia')
      .when('task.delegate', { ...task, delegateTo: demoUser('approver.xichuan.2') })
      .then('hidden');
  });
});

describe('office.rule: the provincial tier rules on offices the plan does not cover', () => {
  table('office.rule', [
    ['approver.henan', 'henan.nanyang.commerce', undefined, 'allowed'],
    ['approver.nanyang', 'henan.nanyang.commerce', undefined, 'forbidden'],
    ['approver.xichuan', 'henan.nanyang.commerce', undefined, 'hidden'],
    ['clerk.commerce', 'henan.nanyang.commerce', undefined, 'forbidden'],
    ['supervisor.henan', 'henan.nanyang.commerce', undefined, 'forbidden'],
    ['admin', 'henan.nanyang.commerce', undefined, 'allowed'],
  ]);
});

describe('audit.read: supervisors within their jurisdiction replay the record', () => {
  table('audit.read', [
    ['supervisor.nanyang', 'henan.nanyang.xichuan', undefined, 'allowed'],
    ['supervisor.nanyang', 'henan.nanyang', undefined, 'allowed'],
    ['supervisor.nanyang', 'henan.luoyang.luoning', undefined, 'hidden'],
    ['supervisor.henan', 'henan.luoyang.luoning', undefined, 'allowed'],
    ['supervisor.luoyang', 'henan.nanyang.xichuan', undefined, 'hidden'],
    ['clerk.xichuan', 'henan.nanyang.xichuan', undefined, 'forbidden'],
    ['approver.nanyang', 'henan.nanyang.xichuan', undefined, 'forbidden'],
    ['approver.xixia', 'henan.nanyang.xichuan', undefined, 'hidden'],
    ['admin', 'henan.nanyang.xichuan', undefined, 'allowed'],
  ]);
});

describe('user.manage: only an admin', () => {
  it.each([
    ['admin', 'allowed'],
    ['supervisor.henan', 'forbidden'],
    ['approver.henan', 'forbidden'],
    ['clerk.nanyang', 'forbidden'],
  ] as const)('given %s, when user.manage, then %s', (username, outcome) => {
    given(username).when('user.manage').then(outcome);
  });
});

describe('unit.manage: admins administer the tree, a municipal administrator only within the city', () => {
  const nanyangAdmin: UserAccount = {
    username: 'admin.nanyang',
    displayName: '南阳市系统管理员',
    role: 'admin',
    unitId: 'henan.nanyang.bureau',
  };
  it.each([
    ['admin', 'add', 'henan.luoyang.luoning', 'allowed'],
    ['admin', 'change', 'henan.nanyang', 'allowed'],
    ['admin.nanyang', 'add', 'henan.nanyang', 'allowed'],
    ['admin.nanyang', 'add', 'henan.nanyang.tanghe', 'allowed'],
    ['admin.nanyang', 'change', 'henan.nanyang.tanghe.commerce', 'allowed'],
    ['admin.nanyang', 'change', 'henan.nanyang', 'forbidden'],
    ['admin.nanyang', 'add', 'henan.luoyang', 'forbidden'],
    ['admin.nanyang', 'change', 'henan.luoyang.luoning', 'forbidden'],
    ['admin.nanyang', 'add', 'henan', 'forbidden'],
    ['admin.nanyang', 'add', '__proto__', 'forbidden'],
    ['supervisor.henan', 'add', 'henan.nanyang', 'forbidden'],
    ['clerk.tanghe', 'add', 'henan.nanyang.tanghe', 'forbidden'],
  ] as const)('given %s, when unit.manage (%s) of %s, then %s', (username, unitChange, unitId, outcome) => {
    const user = username === 'admin.nanyang' ? nanyangAdmin : username;
    given(user).when('unit.manage', { sponsorUnitId: unitId, unitChange }).then(outcome);
  });

  it('names the city a municipal administrator is limited to', () => {
    given(nanyangAdmin)
      .when('unit.manage', { sponsorUnitId: 'henan.luoyang.luoning', unitChange: 'change' })
      .then('forbidden', 'administers the units below 南阳市 (henan.nanyang) only');
  });
});

describe('queues.operate: the queue board holds every city’s jobs, so only a province-wide admin opens it', () => {
  it.each([
    ['admin', 'allowed'],
    ['supervisor.henan', 'forbidden'],
    ['approver.henan', 'forbidden'],
    ['clerk.nanyang', 'forbidden'],
  ] as const)('given %s, when queues.operate, then %s', (username, outcome) => {
    given(username).when('queues.operate').then(outcome);
  });

  it('refuses a municipal administrator, whose jurisdiction is one city', () => {
    const nanyangAdmin: UserAccount = {
      username: 'admin.nanyang',
      displayName: '南阳市系统管理员',
      role: 'admin',
      unitId: 'henan.nanyang.bureau',
    };
    given(nanyangAdmin).when('queues.operate').then('forbidden', 'administrator of the whole province');
  });
});

describe('group.read: supervisors and admins', () => {
  it.each([
    ['admin', 'allowed'],
    ['supervisor.nanyang', 'allowed'],
    ['approver.nanyang', 'forbidden'],
    ['clerk.nanyang', 'forbidden'],
  ] as const)('given %s, when group.read, then %s', (username, outcome) => {
    given(username).when('group.read').then(outcome);
  });
});

describe('list scope: office.read applied to a list filter', () => {
  it.each([
    ['admin', undefined, { kind: 'all' }],
    ['admin', 'henan.nanyang.xichuan', { kind: 'within', unitId: 'henan.nanyang.xichuan' }],
    ['clerk.xichuan', undefined, { kind: 'within', unitId: 'henan.nanyang.xichuan' }],
    // Asking for more than one may see narrows to what one may see.
    ['clerk.xichuan', 'henan.nanyang', { kind: 'within', unitId: 'henan.nanyang.xichuan' }],
    [
      'clerk.xichuan',
      'henan.nanyang.xichuan.commerce',
      { kind: 'within', unitId: 'henan.nanyang.xichuan.commerce' },
    ],
    ['clerk.xichuan', 'henan.nanyang.xixia', { kind: 'none' }],
    ['approver.nanyang', undefined, { kind: 'within', unitId: 'henan.nanyang' }],
    ['approver.nanyang', 'henan.luoyang', { kind: 'none' }],
    ['supervisor.henan', 'henan.nanyang.tanghe', { kind: 'within', unitId: 'henan.nanyang.tanghe' }],
  ] as const)('given %s asking for %s, the list shows %j', (username, requested, scope) => {
    expect(listScope(demoUser(username), catalog, requested)).toStrictEqual(scope);
  });

  it('an approver’s inbox is their tier within their government', () => {
    expect(inboxOf(demoUser('approver.nanyang'), catalog)).toStrictEqual({
      tier: 'municipal',
      unitId: 'henan.nanyang',
    });
    expect(inboxOf(demoUser('approver.xichuan.2'), catalog)).toStrictEqual({
      tier: 'county',
      unitId: 'henan.nanyang.xichuan',
    });
    expect(inboxOf(demoUser('clerk.xichuan'), catalog)).toBeUndefined();
  });
});

describe('notice audiences: who hears a reminder', () => {
  it('a clerk hears what is sent to the clerks of their unit and of every unit below it, and nothing beside', () => {
    const audiences = noticeAudiences(userNamed('clerk.xichuan'), catalog);
    expect(audiences).toContain('user:clerk.xichuan');
    expect(audiences).toContain('clerks:henan.nanyang.xichuan');
    const below = catalog.all().filter((unit) => catalog.isWithin(unit.id, 'henan.nanyang.xichuan'));
    expect(below.length).toBeGreaterThan(1);
    for (const unit of below) expect(audiences).toContain(`clerks:${unit.id}`);
    expect(audiences).not.toContain('clerks:henan.nanyang');
    expect(audiences).not.toContain('clerks:henan.nanyang.xixia');
  });
});
