import { registration, RETENTION, signedIn, startApp, type Client, type RunningApp } from './support/app';

// The same scenarios against each read store this machine has: SQLite always, PostgreSQL where one is given.
const readStores: [string, Record<string, string>][] = [['SQLite read models', {}]];
if (process.env.READ_STORE_TEST_URL) {
  readStores.push([
    'PostgreSQL read models',
    {
      READ_STORE_URL: process.env.READ_STORE_TEST_URL,
      READ_STORE_SCHEMA: `e2e_${process.pid}_${Date.now()}`,
    },
  ]);
}

describe.each(readStores)('%s', (_name, env) => {
  let running: RunningApp;
  let api: Client;
  let as: (username: string) => Promise<Client>;

  beforeAll(async () => {
    running = await startApp(env);
    api = await signedIn(running.url, 'admin');
    as = (username: string) => signedIn(running.url, username);
  });

  afterAll(async () => {
    await running.close();
  });

  async function register(sponsorUnitId: string, hostCityId: string, extra: Record<string, unknown> = {}) {
    const reply = await api.post('/offices', registration(sponsorUnitId, hostCityId, extra));
    expect(reply.status).toBe(201);
    return reply.body as { officeId: string; version: number; office: any };
  }

  async function head(): Promise<string> {
    return (await api.get('/health')).body.eventStore.head;
  }

  describe('registration applies the rules of section 三 and cites them', () => {
    it.each([
      ['henan.nanyang.xichuan', 'zhengzhou', false, '三(一)-a', 'abolish', 'proposed'],
      ['henan.nanyang.guanzhuang', 'zhengzhou', false, '三(一)-a', 'abolish', 'proposed'],
      ['henan.nanyang.commerce', 'zhengzhou', false, '三(一)-b', 'abolish', 'proposed'],
      ['henan.nanyang.tanghe.commerce', 'zhengzhou', false, '三(一)-b', 'abolish', 'proposed'],
      ['henan.nanyang', 'zhengzhou', false, '三(一)-c', 'retain-or-abolish', 'proposed'],
      ['henan.nanyang.sheqi', 'shenzhen', false, '三(二)', 'abolish', 'proposed'],
      ['henan.nanyang.sheqi', 'urumqi', true, '三(二)-exception', 'retain-or-abolish', 'proposed'],
      ['henan.nanyang.drc', 'shanghai', false, 'not-covered', 'ruling-required', 'awaiting-ruling'],
    ])('%s in %s (paired assistance %s) → %s', async (sponsor, host, paired, ruleId, outcome, status) => {
      const { office } = await register(sponsor, host, { pairedAssistance: paired });
      expect(office.disposition).toMatchObject({ ruleId, outcome });
      expect(office.disposition.ruleText.length).toBeGreaterThan(0);
      expect(office.status).toBe(status);
    });

    it('refuses a host city the plan does not cover, naming the field, and appends nothing', async () => {
      const before = await head();
      const reply = await api.post('/offices', registration('henan.nanyang.xichuan', 'luoyang'));
      expect(reply.status).toBe(422);
      expect(reply.body).toMatchObject({ ruleId: '一', details: [{ field: 'hostCityId' }] });
      expect(await head()).toBe(before);
    });

    it('rejects malformed input with field-level details and appends nothing', async () => {
      const before = await head();
      const reply = await api.post('/offices', {
        name: '',
        sponsorUnitId: 'henan.nanyang.xichuan',
        hostCityId: 'zhengzhou',
        assets: [{ assetId: 'a 1', kind: 'boat', description: 'x', bookValue: -5 }],
        surprise: true,
      });
      expect(reply.status).toBe(400);
      const fields = reply.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'name',
          'surprise',
          'assets[0].assetId',
          'assets[0].kind',
          'assets[0].bookValue',
        ]),
      );
      expect(reply.body.details.find((d: any) => d.field === 'surprise').rule).toBe('unknown-property');
      expect(await head()).toBe(before);
    });

    it('rejects a body that is not JSON', async () => {
      const reply = await api.post('/offices', '{"name":', {});
      expect(reply.status).toBe(400);
      expect(reply.body.statusCode).toBe(400);
    });
  });

  describe('retention climbs the tiers (逐级上报审批)', () => {
    it('a paired-assistance county office goes county → municipal → provincial to retained, all in its history', async () => {
      const { officeId } = await register('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true });
      const requested = await api.post(`/offices/${officeId}/retention-request`, RETENTION);
      expect(requested.status).toBe(200);
      expect((await api.get(`/offices/${officeId}`)).body.pendingTier).toBe('county');

      const wrongTier = await (
        await as('approver.nanyang')
      ).post(`/offices/${officeId}/retention-decisions`, {
        tier: 'municipal',
        decision: 'approve',
      });
      expect(wrongTier.status).toBe(409);

      const approvers = {
        county: 'approver.xichuan',
        municipal: 'approver.nanyang',
        provincial: 'approver.henan',
      };
      for (const [tier, username] of Object.entries(approvers)) {
        const reply = await (
          await as(username)
        ).post(`/offices/${officeId}/retention-decisions`, {
          tier,
          decision: 'approve',
          comment: `${tier} 同意`,
        });
        expect(reply.status).toBe(200);
      }
      const detail = await api.get(`/offices/${officeId}`);
      expect(detail.body.status).toBe('retained');
      expect(detail.headers.get('etag')).toBe('"8"');

      const history = await api.get(`/offices/${officeId}/history`);
      expect(history.body.items.map((e: any) => e.type)).toEqual([
        'OfficeRegistered',
        'RetentionRequested',
        'DeadlineSet',
        'RetentionForwarded',
        'DeadlineSet',
        'RetentionForwarded',
        'DeadlineSet',
        'RetentionApproved',
      ]);
      expect(history.body.items[7]).toMatchObject({
        actor: 'approver.henan',
        role: 'approver',
        tier: 'provincial',
        comment: 'provincial 同意',
      });
      expect(history.body.items[0]).toMatchObject({ actor: 'admin', role: 'admin' });

      // The history and the audit timeline share one envelope, and an entry of either has its comment in one place.
      const timeline = await api.get(`/offices/${officeId}/timeline`);
      const envelope = (body: any) => ({
        officeId: body.officeId,
        sponsorUnitId: body.sponsorUnitId,
        version: body.version,
        total: body.total,
        nextCursor: body.nextCursor,
      });
      expect(envelope(timeline.body)).toEqual(envelope(history.body));
      expect(envelope(history.body)).toMatchObject({ officeId, version: 8, total: 8, nextCursor: null });
      expect(timeline.body.items[7]).toMatchObject(history.body.items[7]);
      const paged = await api.get(`/offices/${officeId}/history?limit=3`);
      expect(paged.body.items).toEqual(history.body.items.slice(0, 3));
      const rest = await api.get(`/offices/${officeId}/history?after=${paged.body.nextCursor}`);
      expect(rest.body.items).toEqual(history.body.items.slice(3));
      expect((await api.get(`/offices/${officeId}/history?limit=0`)).body).toMatchObject({
        statusCode: 400,
      });
    });

    it('refuses retention where the plan requires abolition, citing the rule', async () => {
      const { officeId, version } = await register('henan.nanyang.wancheng', 'zhengzhou');
      const reply = await api.post(`/offices/${officeId}/retention-request`, RETENTION);
      expect(reply.status).toBe(422);
      expect(reply.body.ruleId).toBe('三(一)-a');
      expect((await api.get(`/offices/${officeId}`)).body.version).toBe(version);
    });

    it('a return for revision sends the resubmission back to the tier that returned it', async () => {
      const { officeId } = await register('henan.nanyang', 'zhengzhou');
      await api.post(`/offices/${officeId}/retention-request`, RETENTION);
      const returned = await (
        await as('approver.nanyang')
      ).post(`/offices/${officeId}/retention-decisions`, {
        tier: 'municipal',
        decision: 'return',
        comment: '请补充接待经费公开情况(五(三))',
      });
      expect(returned.body.status).toBe('returned-for-revision');
      const resubmitted = await api.post(`/offices/${officeId}/retention-request/resubmission`, RETENTION);
      expect(resubmitted.status).toBe(200);
      expect((await api.get(`/offices/${officeId}`)).body.pendingTier).toBe('municipal');
    });

    it('a rejection leads to abolition', async () => {
      const { officeId } = await register('henan.nanyang.fangcheng', 'wuhan', { pairedAssistance: true });
      await api.post(`/offices/${officeId}/retention-request`, RETENTION);
      const fangcheng = await as('approver.fangcheng');
      const noReason = await fangcheng.post(`/offices/${officeId}/retention-decisions`, {
        tier: 'county',
        decision: 'reject',
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.details[0].field).toBe('comment');
      const rejected = await fangcheng.post(`/offices/${officeId}/retention-decisions`, {
        tier: 'county',
        decision: 'reject',
        comment: '援助任务已结束',
      });
      expect(rejected.body.status).toBe('rejected');
      const abolished = await api.post(`/offices/${officeId}/abolition`, {
        decisionReference: '方政〔2015〕9号',
      });
      expect(abolished.body.status).toBe('abolished');
    });

    it('an uncovered office waits for a provincial ruling before anything else', async () => {
      const { officeId } = await register('henan.nanyang', 'beijing');
      expect((await api.post(`/offices/${officeId}/abolition`, { decisionReference: 'x' })).status).toBe(409);
      const municipal = await api.post(`/offices/${officeId}/ruling`, {
        tier: 'municipal',
        ruling: 'abolish',
        reasoning: 'x',
      });
      expect(municipal.status).toBe(422);
      const ruled = await api.post(`/offices/${officeId}/ruling`, {
        tier: 'provincial',
        ruling: 'retention-may-be-requested',
        reasoning: '参照三(一)逐级报批',
      });
      expect(ruled.body.status).toBe('proposed');
      expect((await api.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBe(200);
      expect((await api.get(`/offices/${officeId}`)).body.pendingTier).toBe('municipal');
    });
  });

  describe('abolition: every asset disposed of, every person placed, then closure', () => {
    it('carries an office from abolition to closure and refuses a private disposal outside auction (八(三))', async () => {
      const { officeId } = await register('henan.nanyang.neixiang', 'zhengzhou', {
        assets: [
          { assetId: 'land-1', kind: 'land', description: '办公用地', bookValue: 2000000 },
          { assetId: 'car-1', kind: 'vehicle', description: '公务用车', bookValue: 100000 },
        ],
        staff: [{ staffId: 'p-1', name: '王芳' }],
      });
      expect(
        (await api.post(`/offices/${officeId}/abolition`, { decisionReference: '内政〔2015〕3号' })).status,
      ).toBe(200);

      const privateTransfer = await api.post(`/offices/${officeId}/asset-disposals`, {
        assetId: 'car-1',
        method: 'transfer',
        recipient: '某某个人',
        recipientKind: 'private-party',
        value: 1,
        approvalReference: 'x',
      });
      expect(privateTransfer.status).toBe(422);
      expect(privateTransfer.body).toMatchObject({ ruleId: '八(三)', details: [{ field: 'recipientKind' }] });

      const early = await api.post(`/offices/${officeId}/closure`);
      expect(early.status).toBe(422);
      expect(early.body.message).toContain('land-1');

      const steps = [
        [
          'asset-disposals',
          {
            assetId: 'car-1',
            method: 'public-auction',
            recipient: '竞得人',
            recipientKind: 'private-party',
            value: 61000,
            approvalReference: '内国资〔2015〕2号',
          },
        ],
        [
          'asset-disposals',
          {
            assetId: 'land-1',
            method: 'transfer',
            recipient: '郑州市机关事务管理局',
            recipientKind: 'government-body',
            value: 2000000,
            approvalReference: '内国资〔2015〕3号',
          },
        ],
        [
          'staff-placements',
          { staffId: 'p-1', placement: 'returned-to-sponsor', destination: '内乡县政府办' },
        ],
      ] as const;
      for (const [path, body] of steps)
        expect((await api.post(`/offices/${officeId}/${path}`, body)).status).toBe(200);

      const again = await api.post(`/offices/${officeId}/asset-disposals`, steps[0][1]);
      expect(again.status).toBe(409);

      const closed = await api.post(`/offices/${officeId}/closure`);
      expect(closed.status).toBe(200);
      expect(closed.body.status).toBe('closed');
      const detail = (await api.get(`/offices/${officeId}`)).body;
      expect(detail.progress).toEqual({ assetsDisposed: 2, assetsTotal: 2, staffPlaced: 1, staffTotal: 1 });
      expect(detail.assets.find((a: any) => a.assetId === 'car-1').disposal.method).toBe('public-auction');
    });
  });

  describe('retries and concurrency', () => {
    it('a retried command with the same Idempotency-Key returns the first result and appends nothing', async () => {
      const body = registration('henan.nanyang.tongbai', 'zhengzhou');
      const first = await api.post('/offices', body, { 'idempotency-key': 'register-tongbai-1' });
      const before = await head();
      const second = await api.post('/offices', body, { 'idempotency-key': 'register-tongbai-1' });
      expect(second.status).toBe(201);
      expect(second.body.officeId).toBe(first.body.officeId);
      expect(second.body.events).toEqual(first.body.events);
      expect(second.body.replayed).toBe(true);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(await head()).toBe(before);

      const abolish = { decisionReference: '桐政〔2015〕5号' };
      const a1 = await api.post(`/offices/${first.body.officeId}/abolition`, abolish, {
        'idempotency-key': 'ab-1',
      });
      const a2 = await api.post(`/offices/${first.body.officeId}/abolition`, abolish, {
        'idempotency-key': 'ab-1',
      });
      expect(a2.status).toBe(200);
      expect(a2.body.events).toEqual(a1.body.events);
      expect((await api.get(`/offices/${first.body.officeId}`)).body.version).toBe(2);
    });

    it('the same Idempotency-Key with a different request is refused', async () => {
      await api.post('/offices', registration('henan.nanyang.xinye', 'zhengzhou'), {
        'idempotency-key': 'k-xinye',
      });
      const other = await api.post(
        '/offices',
        registration('henan.nanyang.xinye', 'zhengzhou', { name: '另一个' }),
        {
          'idempotency-key': 'k-xinye',
        },
      );
      expect(other.status).toBe(422);
      expect(other.body.details[0].field).toBe('Idempotency-Key');
    });

    it('a stale If-Match gets 409 with the current version and changes nothing', async () => {
      const { officeId } = await register('henan.nanyang.zhenping', 'zhengzhou');
      const stale = await api.post(
        `/offices/${officeId}/abolition`,
        { decisionReference: 'x' },
        { 'if-match': '"7"' },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.currentVersion).toBe(1);
      expect((await api.get(`/offices/${officeId}`)).body.status).toBe('proposed');
      const fresh = await api.post(
        `/offices/${officeId}/abolition`,
        { decisionReference: 'x' },
        { 'if-match': '"1"' },
      );
      expect(fresh.status).toBe(200);
    });

    it('two decisions racing on the same request: exactly one wins, the other is told the current state', async () => {
      const municipal = await as('approver.nanyang');
      for (let round = 0; round < 10; round++) {
        const { officeId } = await register('henan.nanyang', 'zhengzhou');
        await api.post(`/offices/${officeId}/retention-request`, RETENTION);
        const replies = await Promise.all(
          [0, 1, 2].map(() =>
            municipal.post(`/offices/${officeId}/retention-decisions`, {
              tier: 'municipal',
              decision: 'approve',
            }),
          ),
        );
        expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409]);
        const history = (await api.get(`/offices/${officeId}/history`)).body.items;
        expect(history.filter((e: any) => e.type === 'RetentionForwarded')).toHaveLength(1);
      }
    });
  });

  describe('read models', () => {
    it('the caller sees its own change in the list at once (read-your-writes), filtered and paginated', async () => {
      const { officeId } = await register('henan.nanyang.yahe', 'zhengzhou');
      await api.post(`/offices/${officeId}/abolition`, { decisionReference: '鸭管〔2015〕1号' });
      const list = await api.get(`/offices?unitId=henan.nanyang.yahe&status=abolished`);
      expect(list.body.items.map((o: any) => o.officeId)).toEqual([officeId]);

      const all = await api.get('/offices?unitId=henan.nanyang&pageSize=2&page=1');
      expect(all.body.items).toHaveLength(2);
      expect(all.body.total).toBeGreaterThan(2);
      const page2 = await api.get('/offices?unitId=henan.nanyang&pageSize=2&page=2');
      expect(page2.body.items[0].officeId).not.toBe(all.body.items[0].officeId);

      const bad = await api.get('/offices?pageSize=0&status=gone');
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(['pageSize', 'status']);
    });
  });

  describe('reference data and operations', () => {
    it('serves the rules, jurisdictions, host cities, OpenAPI and health', async () => {
      const rules = (await api.get('/rules')).body;
      expect(rules.dispositionRules.map((r: any) => r.id)).toEqual(
        expect.arrayContaining([
          '三(一)-a',
          '三(一)-b',
          '三(一)-c',
          '三(二)',
          '三(二)-exception',
          'not-covered',
        ]),
      );
      const units = (await api.get('/jurisdictions')).body;
      expect(units.find((u: any) => u.id === 'henan.nanyang.yahe')).toMatchObject({
        sponsorKind: 'county-government',
      });
      expect((await api.get('/host-cities')).body.find((c: any) => c.id === 'zhengzhou').provinceId).toBe(
        'henan',
      );
      const openapi = (await api.get('/docs/openapi.json')).body;
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(['/offices', '/offices/{officeId}/asset-disposals']),
      );
      const health = (await api.get('/health')).body;
      expect(health).toMatchObject({ status: 'up', redis: { status: 'up' }, readModels: { upToDate: true } });
    });

    it('an unknown office is 404', async () => {
      const reply = await api.get('/offices/00000000-0000-4000-8000-000000000000');
      expect(reply.status).toBe(404);
      const command = await api.post('/offices/00000000-0000-4000-8000-000000000000/closure');
      expect(command.status).toBe(404);
    });
  });
});
