import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { JurisdictionCatalog, NANYANG_UNITS } from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { OfficeListProjection } from '../offices/projection';
import { Projector } from '../projector';
import { openReadStore, resetReadModels, type ReadStore } from '../read-store';
import {
  decideRetention,
  OfficeScenario,
  openTempEventStore,
  register,
  requestRetention,
  TempFiles,
} from '../testing/office-scenario';
import { candidateGroup } from './approval-tasks';
import { TaskInboxProjection } from './projection';
import { containsPattern, queryInbox, type InboxFilter } from './queries';
import { InProcessTaskChanges, type TaskChange } from './task-changes';

const files = new TempFiles();
const catalog = new JurisdictionCatalog(NANYANG_UNITS);
const MUNICIPAL = candidateGroup('municipal', 'henan.nanyang');
// PostgreSQL too where READ_STORE_TEST_URL names one: its LIKE differs from SQLite's.
const postgresUrl = process.env.READ_STORE_TEST_URL;
const schema = `task_changes_test_${randomBytes(6).toString('hex')}`;
const STORES: [string, () => Promise<ReadStore>][] = [
  ['SQLite', () => openReadStore({ kind: 'sqlite', filename: files.path('task-changes') })],
  ...(postgresUrl
    ? [
        ['PostgreSQL', () => openReadStore({ kind: 'postgres', connectionString: postgresUrl, schema })] as [
          string,
          () => Promise<ReadStore>,
        ],
      ]
    : []),
];

afterAll(async () => {
  if (!postgresUrl) return;
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
});

describe.each(STORES)('the task read model’s changes and the inbox filters (%s)', (_name, open) => {
  let store: EventStore;
  let readStore: ReadStore;
  let projector: Projector;
  let scenario: OfficeScenario;
  let seen: TaskChange[];
  let rowsWhenSeen: number[];

  beforeEach(async () => {
    store = openTempEventStore(files);
    readStore = await open();
    await resetReadModels(readStore);
    const changes = new InProcessTaskChanges();
    seen = [];
    rowsWhenSeen = [];
    changes.subscribe((change) => {
      seen.push(change);
      // Published after the commit: a reader told of the change finds it stored.
      void readStore.db
        .selectFrom('tasks')
        .select('task_id')
        .where('task_id', '=', change.taskId)
        .where('status', '=', change.status)
        .execute()
        .then((rows) => rowsWhenSeen.push(rows.length));
    });
    projector = new Projector(store, readStore, [
      new OfficeListProjection(catalog),
      new TaskInboxProjection(catalog, changes),
    ]);
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
  const inbox = (filter: InboxFilter, group = MUNICIPAL) =>
    queryInbox(readStore, {
      groups: [group],
      approver: 'a',
      view: 'group',
      now: '2016-03-20T00:00:00.000Z',
      page: 1,
      pageSize: 50,
      filter,
    });

  it('tells, once committed, that a county decision left the county group and arrived at the city’s', async () => {
    await run(
      register('o-1', 'henan.nanyang.xichuan.commerce', 'urumqi', { pairedAssistance: true }),
      requestRetention('o-1'),
    );
    expect(seen.map((c) => [c.change, c.candidateGroup])).toEqual([
      ['arrived', candidateGroup('county', 'henan.nanyang.xichuan')],
    ]);
    seen.length = 0;
    await run(decideRetention('o-1', 'county', 'approve'));
    expect(seen.map((c) => [c.change, c.candidateGroup, c.outcome])).toEqual([
      ['left', candidateGroup('county', 'henan.nanyang.xichuan'), 'forwarded'],
      ['arrived', MUNICIPAL, null],
    ]);
    await run({
      officeId: 'o-1',
      command: { type: 'ClaimTask', data: { tier: 'municipal', approver: 'a' } },
    });
    expect(seen.at(-1)).toMatchObject({
      change: 'changed',
      assignee: 'a',
      sponsorUnitId: expect.any(String),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rowsWhenSeen.every((n) => n === 1)).toBe(true);
  });

  it('filters by sponsor unit, tier, rule and part of the office name, counts included', async () => {
    await run(register('o-2', 'henan.nanyang', 'zhengzhou'), requestRetention('o-2'));
    await run(
      register('o-3', 'henan.nanyang.xichuan.commerce', 'urumqi', { pairedAssistance: true }),
      requestRetention('o-3'),
      decideRetention('o-3', 'county', 'approve'),
    );
    const all = await inbox({});
    expect(all.total).toBe(2);
    const rule = all.items[0]!.rule_id;
    expect(rule).toBeTruthy();
    expect((await inbox({ sponsorUnitIds: ['henan.nanyang'] })).items.map((t) => t.office_id)).toEqual([
      'o-2',
    ]);
    expect((await inbox({ sponsorUnitIds: ['henan.nanyang.xichuan.commerce'] })).total).toBe(1);
    expect((await inbox({ sponsorUnitIds: [] })).total).toBe(0);
    expect((await inbox({ tier: 'county' })).counts.group).toBe(0);
    expect((await inbox({ ruleId: rule })).total).toBeGreaterThanOrEqual(1);
    expect((await inbox({ ruleId: 'no-such-rule' })).total).toBe(0);
    expect((await inbox({ officeName: 'commerce office in' })).items.map((t) => t.office_id)).toEqual([
      'o-3',
    ]);
    // A wildcard typed into the search is a character, not a wildcard.
    expect((await inbox({ officeName: '%' })).total).toBe(0);
    expect(containsPattern('50%_a\\')).toBe('%50\\%\\_a\\\\%');
  });
});
