import {
  enrol,
  registration,
  RETENTION,
  signedIn,
  startApp,
  type Client,
  type RunningApp,
} from './support/app';

// Another city than Nanyang runs the campaign: its clerks and approvers enrolled through the accounts, its units the
// province's data under their GB/T 2260 codes, and the provincial tier sees both cities.
let running: RunningApp;
const as: Record<string, Client> = {};

const LUOYANG = '410300';
const XINAN = '410323'; // 新安县, with an approver
const LUANCHUAN = '410324'; // 栾川县, with none

beforeAll(async () => {
  running = await startApp();
  for (const name of ['admin', 'approver.henan', 'supervisor.henan', 'supervisor.nanyang', 'clerk.nanyang']) {
    as[name] = await signedIn(running.url, name);
  }
  const people = [
    ['clerk.luoyang', '洛阳市政府办联络员', 'clerk', LUOYANG],
    ['approver.luoyang', '洛阳市机关事务管理局审批人', 'approver', `${LUOYANG}.bureau`],
    ['approver.xinan', '新安县审批人', 'approver', XINAN],
    ['clerk.luanchuan', '栾川县联络员', 'clerk', LUANCHUAN],
  ] as const;
  for (const [username, displayName, role, unitId] of people) {
    as[username] = await enrol(running, { username, displayName, role, unitId });
  }
});

afterAll(async () => {
  await running.close();
});

async function register(clerk: string, sponsor: string, host: string, extra: Record<string, unknown> = {}) {
  const reply = await as[clerk]!.post('/offices', registration(sponsor, host, extra));
  expect(reply.status).toBe(201);
  return reply.body as { officeId: string; office: any };
}

async function taskOf(approver: string, officeId: string) {
  const inbox = await as[approver]!.get('/tasks?pageSize=200');
  expect(inbox.status).toBe(200);
  return inbox.body.items.find((task: any) => task.officeId === officeId);
}

describe('洛阳市 runs a case through, and the province sees both cities', () => {
  it('a clerk of 洛阳市 registers the city’s Zhengzhou office: 三(一)-c, like any city’s', async () => {
    const { office } = await register('clerk.luoyang', LUOYANG, 'zhengzhou');
    expect(office.disposition).toMatchObject({ ruleId: '三(一)-c', outcome: 'retain-or-abolish' });
    const outside = await as['clerk.luoyang']!.post('/offices', registration('henan.nanyang', 'zhengzhou'));
    expect(outside.status).toBe(403);
  });

  it('municipal approval in 洛阳, then the provincial approver, who also sees Nanyang’s requests', async () => {
    const zhengzhou = await as['clerk.luoyang']!.get(`/offices?unitId=${LUOYANG}&hostCityId=zhengzhou`);
    const cityOffice = zhengzhou.body.items[0].officeId as string;
    expect(
      (await as['clerk.luoyang']!.post(`/offices/${cityOffice}/retention-request`, RETENTION)).status,
    ).toBe(200);
    const municipal = await taskOf('approver.luoyang', cityOffice);
    expect(municipal).toMatchObject({ tier: 'municipal', jurisdictionId: LUOYANG });
    expect(await taskOf('approver.henan', cityOffice)).toBeUndefined();
    const approved = await as['approver.luoyang']!.post(`/tasks/${municipal.taskId}/decision`, {
      decision: 'approve',
      comment: '同意,报省级',
    });
    expect(approved.status).toBe(200);

    // A Nanyang request reaches the same provincial inbox.
    const nanyang = await register('clerk.nanyang', 'henan.nanyang', 'zhengzhou');
    await as['clerk.nanyang']!.post(`/offices/${nanyang.officeId}/retention-request`, RETENTION);
    const approverNanyang = await signedIn(running.url, 'approver.nanyang');
    const nanyangInbox = await approverNanyang.get('/tasks');
    const nanyangTask = nanyangInbox.body.items.find((task: any) => task.officeId === nanyang.officeId);
    await approverNanyang.post(`/tasks/${nanyangTask.taskId}/decision`, { decision: 'approve' });
    expect(await taskOf('approver.henan', nanyang.officeId)).toMatchObject({ tier: 'provincial' });

    const provincial = await taskOf('approver.henan', cityOffice);
    expect(provincial).toMatchObject({ tier: 'provincial', jurisdictionId: 'henan' });
    const final = await as['approver.henan']!.post(`/tasks/${provincial.taskId}/decision`, {
      decision: 'approve',
    });
    expect(final.status).toBe(200);
    expect((await as['clerk.luoyang']!.get(`/offices/${cityOffice}`)).body.status).toBe('retained');

    const all = await as['supervisor.henan']!.get('/offices?pageSize=500');
    const sponsors = new Set(all.body.items.map((item: any) => item.sponsorUnitId));
    expect(sponsors).toEqual(new Set([LUOYANG, 'henan.nanyang']));
    const cityOnly = await as['supervisor.nanyang']!.get('/offices?pageSize=500');
    expect(cityOnly.body.items.map((item: any) => item.sponsorUnitId)).toEqual(['henan.nanyang']);
    expect((await as['supervisor.nanyang']!.get(`/offices/${cityOffice}`)).status).toBe(404);
  });
});

describe('candidate groups: a group nobody can act in is flagged, and no task waits in it', () => {
  it('lists each group with its active approvers, flagging the empty ones', async () => {
    const groups = await as['admin']!.get(`/groups?within=${LUOYANG}`);
    expect(groups.status).toBe(200);
    const byGroup = new Map(groups.body.map((group: any) => [group.group, group]));
    expect(byGroup.get(`municipal@${LUOYANG}`)).toMatchObject({
      tier: 'municipal',
      jurisdictionName: '洛阳市',
      approvers: ['approver.luoyang'],
      activeApprovers: 1,
      flagged: false,
    });
    expect(byGroup.get(`county@${XINAN}`)).toMatchObject({ activeApprovers: 1, flagged: false });
    expect(byGroup.get(`county@${LUANCHUAN}`)).toMatchObject({ activeApprovers: 0, flagged: true });
    const flagged = await as['admin']!.get(`/groups?within=${LUOYANG}&flagged=true`);
    expect(flagged.body.every((group: any) => group.flagged)).toBe(true);
    expect(flagged.body.map((group: any) => group.group)).toContain(`county@${LUANCHUAN}`);
  });

  it('a supervisor sees the groups of their own jurisdiction; a clerk none', async () => {
    const nanyang = await as['supervisor.nanyang']!.get('/groups');
    expect(nanyang.status).toBe(200);
    expect(nanyang.body.every((group: any) => group.jurisdictionId.startsWith('henan.nanyang'))).toBe(true);
    expect(nanyang.body.find((group: any) => group.group === 'county@henan.nanyang.tongbai')).toMatchObject({
      flagged: true,
    });
    expect((await as['supervisor.nanyang']!.get(`/groups?within=${LUOYANG}`)).body).toEqual([]);
    expect((await as['clerk.luoyang']!.get('/groups')).status).toBe(403);
    expect((await as['admin']!.get('/groups?flagged=maybe')).body).toMatchObject({
      statusCode: 400,
      details: [{ field: 'flagged' }],
    });
  });

  it('a request from 栾川县, whose county group is empty, goes to the municipal tier with the bypass on record', async () => {
    const { officeId } = await register('clerk.luanchuan', LUANCHUAN, 'urumqi', { pairedAssistance: true });
    const requested = await as['clerk.luanchuan']!.post(`/offices/${officeId}/retention-request`, RETENTION);
    expect(requested.status).toBe(200);
    const task = await taskOf('approver.luoyang', officeId);
    expect(task).toMatchObject({ tier: 'municipal', jurisdictionId: LUOYANG });
    const history = await as['admin']!.get(`/offices/${officeId}/history`);
    const request = history.body.items.find((event: any) => event.type === 'RetentionRequested');
    expect(request.data).toMatchObject({
      tier: 'municipal',
      bypassed: [{ tier: 'county', candidateGroup: `county@${LUANCHUAN}`, reason: 'no-active-approver' }],
    });
  });

  it('once the county has an approver, its requests wait at the county tier again', async () => {
    as['approver.luanchuan'] = await enrol(running, {
      username: 'approver.luanchuan',
      displayName: '栾川县审批人',
      role: 'approver',
      unitId: LUANCHUAN,
    });
    const { officeId } = await register('clerk.luanchuan', LUANCHUAN, 'urumqi', {
      pairedAssistance: true,
      name: '栾川县人民政府驻乌鲁木齐联络处(二)',
    });
    await as['clerk.luanchuan']!.post(`/offices/${officeId}/retention-request`, RETENTION);
    expect(await taskOf('approver.luanchuan', officeId)).toMatchObject({
      tier: 'county',
      jurisdictionId: LUANCHUAN,
    });
    const group = await as['admin']!.get(`/groups?within=${LUANCHUAN}`);
    expect(group.body).toMatchObject([{ group: `county@${LUANCHUAN}`, activeApprovers: 1, flagged: false }]);
  });
});

describe('the campaign of another city', () => {
  it('CAMPAIGN_UNIT=410300 launches 洛阳市’s campaign on the plan’s dates, with its own filing units', async () => {
    const luoyang = await startApp({ CAMPAIGN: 'plan', CAMPAIGN_UNIT: LUOYANG });
    try {
      const admin = await signedIn(luoyang.url, 'admin');
      const campaign = await admin.get('/campaign');
      expect(campaign.body).toMatchObject({
        campaignId: '410300-2015',
        name: '洛阳市清理规范驻省会城市办事机构工作',
        leadUnitId: LUOYANG,
      });
      const units = campaign.body.units.map((unit: any) => unit.unitId);
      expect(units).toEqual(expect.arrayContaining(['410302', XINAN, LUANCHUAN]));
      expect(units.some((unitId: string) => unitId.startsWith('henan.nanyang'))).toBe(false);
    } finally {
      await luoyang.close();
    }
  });
});
