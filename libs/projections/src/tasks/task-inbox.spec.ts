import { JurisdictionCatalog, NANYANG_UNITS } from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { OfficeListProjection } from '../offices/projection';
import { Projector } from '../projector';
import { openReadStore, resetReadModels, type ReadStore } from '../read-store';
import { rebuildReadModels } from '../rebuild';
import { candidateGroup } from './approval-tasks';
import { TaskInboxProjection } from './projection';
import { queryInbox } from './queries';
import {
  decideRetention,
  OfficeScenario,
  openTempEventStore,
  register,
  requestRetention,
  resubmitRetention,
  TempFiles,
} from '../testing/office-scenario';

const files = new TempFiles();
const catalog = new JurisdictionCatalog(NANYANG_UNITS);
const projections = () => [new OfficeListProjection(catalog), new TaskInboxProjection(catalog)];

describe('the approvers’ task inbox read model', () => {
  let store: EventStore;
  let readStore: ReadStore;
  let projector: Projector;
  let scenario: OfficeScenario;

  beforeEach(async () => {
    store = openTempEventStore(files);
    readStore = await openReadStore({ kind: 'sqlite', filename: files.path('tasks') });
    await resetReadModels(readStore);
    projector = new Projector(store, readStore, projections());
    await projector.start();
    scenario = new OfficeScenario(store);
  });

  afterEach(async () => {
    await projector.stop();
    await store.close();
    await readStore.close();
  });
  afterAll(() => files.removeAll());

  const run = async (...steps: Parameters<OfficeScenario['run']>[0][]) => {
    const result = await scenario.runAll(steps);
    await projector.waitFor(result!.position);
  };
  const inbox = (
    group: string,
    view: 'mine' | 'group' | 'claimed' | 'unclaimed' | 'overdue' = 'group',
    approver = 'a',
  ) =>
    queryInbox(readStore, {
      groups: [group],
      approver,
      view,
      now: '2016-03-20T00:00:00.000Z',
      page: 1,
      pageSize: 50,
    });

  it('a request is a task of the county approvers where the sponsor is, and moves up the tiers as it is approved', async () => {
    await run(
      register('o-1', 'henan.nanyang.xichuan.commerce', 'urumqi', { pairedAssistance: true }),
      requestRetention('o-1'),
    );
    const county = await inbox(candidateGroup('county', 'henan.nanyang.xichuan'));
    expect(county.items).toHaveLength(1);
    expect(county.items[0]).toMatchObject({
      office_id: 'o-1',
      tier: 'county',
      status: 'open',
      assignee: null,
    });
    // Created 2016-03-01 (Tuesday) 16:00 CST; five working days → Tuesday 2016-03-08.
    expect(county.items[0]!.due_at).toBe('2016-03-08T08:01:00.000Z');
    expect((await inbox(candidateGroup('county', 'henan.nanyang.xixia'))).items).toHaveLength(0);

    await run(decideRetention('o-1', 'county', 'approve'));
    expect((await inbox(candidateGroup('county', 'henan.nanyang.xichuan'))).total).toBe(0);
    const municipal = await inbox(candidateGroup('municipal', 'henan.nanyang'));
    expect(municipal.items.map((t) => t.office_id)).toEqual(['o-1']);

    await run(
      decideRetention('o-1', 'municipal', 'approve'),
      decideRetention('o-1', 'provincial', 'approve'),
    );
    expect((await inbox(candidateGroup('provincial', 'henan'))).total).toBe(0);
    const all = await readStore.db.selectFrom('tasks').select(['tier', 'outcome']).orderBy('seq').execute();
    expect(all).toEqual([
      { tier: 'county', outcome: 'forwarded' },
      { tier: 'municipal', outcome: 'forwarded' },
      { tier: 'provincial', outcome: 'approved' },
    ]);
  });

  it('claims, delegation and release change who holds it; views and counts follow', async () => {
    await run(register('o-2', 'henan.nanyang', 'zhengzhou'), requestRetention('o-2'));
    await run(register('o-3', 'henan.nanyang', 'zhengzhou'), requestRetention('o-3'));
    const group = candidateGroup('municipal', 'henan.nanyang');
    await run({
      officeId: 'o-2',
      command: { type: 'ClaimTask', data: { tier: 'municipal', approver: 'a' } },
    });
    expect((await inbox(group, 'mine')).items.map((t) => t.office_id)).toEqual(['o-2']);
    expect((await inbox(group)).counts).toEqual({ mine: 1, group: 2, claimed: 1, unclaimed: 1, overdue: 2 });

    await run({
      officeId: 'o-2',
      command: { type: 'DelegateTask', data: { tier: 'municipal', from: 'a', to: 'b' } },
    });
    expect((await inbox(group, 'mine', 'a')).total).toBe(0);
    expect((await inbox(group, 'mine', 'b')).items.map((t) => t.office_id)).toEqual(['o-2']);
    await run({
      officeId: 'o-2',
      command: { type: 'ReleaseTask', data: { tier: 'municipal', approver: 'b' } },
    });
    expect((await inbox(group, 'unclaimed')).total).toBe(2);
  });

  it('a returned request leaves the inbox and comes back to the same tier when resubmitted', async () => {
    await run(
      register('o-4', 'henan.nanyang', 'zhengzhou'),
      requestRetention('o-4'),
      decideRetention('o-4', 'municipal', 'return'),
    );
    const group = candidateGroup('municipal', 'henan.nanyang');
    expect((await inbox(group)).total).toBe(0);
    await run(resubmitRetention('o-4'));
    expect((await inbox(group)).items.map((t) => [t.office_id, t.tier])).toEqual([['o-4', 'municipal']]);
  });

  it('rebuilding gives the same tasks as following the log', async () => {
    await run(
      register('o-5', 'henan.nanyang.sheqi', 'xian', { pairedAssistance: true }),
      requestRetention('o-5'),
    );
    await run(decideRetention('o-5', 'county', 'approve'));
    await run({
      officeId: 'o-5',
      command: { type: 'ClaimTask', data: { tier: 'municipal', approver: 'a' } },
    });
    const before = await readStore.db.selectFrom('tasks').selectAll().orderBy('task_id').execute();
    await projector.stop();
    await rebuildReadModels(store, readStore, projections());
    const after = await readStore.db.selectFrom('tasks').selectAll().orderBy('task_id').execute();
    expect(after).toEqual(before);
    expect(after).toHaveLength(2);
  });
});
