import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, loadConfig } from '@liaison/app';
import { openedTier, type OfficeEvent } from '@liaison/domain';
import { verifyLog, type RecordedEvent } from '@liaison/event-store';
import { openReadStore } from '@liaison/projections';
import { main as cli } from '../apps/cli/src/main';
import { runRebuild } from '../apps/cli/src/rebuild.command';

/**
 * A store written by the code from before due dates were events (test/fixtures/store-before-deadline-events: the
 * demo's log, with the demo's TASK_SLA) migrated by `migrate`, then rebuilt: the read models that code had built,
 * with every task's due date now in the log, and the ruling tasks that code did not know (see `withRulingTasks`).
 */
const FIXTURE = join(__dirname, 'fixtures', 'store-before-deadline-events');
const DEMO_ENV = {
  TASK_SLA: 'county=3m,municipal=5m,provincial=5m',
  LOG_LEVEL: 'silent',
  CAMPAIGN: 'none',
};

type Row = Record<string, unknown>;
const KEYS: Record<string, string[]> = {
  offices: ['office_id'],
  tasks: ['task_id'],
  deadlines: ['deadline_id'],
  notices: ['notice_id', 'audience'],
  notice_reads: ['username', 'notice_id'],
  campaign_phases: ['phase'],
  unit_filings: ['unit_id'],
};
// What the added events change by their nature: stream versions, log positions, the time of the last change; and
// the deadlines' change feed of the older code, which the scheduler no longer needs (it follows the log).
const MOVED_BY_NEW_EVENTS = new Set([
  'version',
  'office_version',
  'seq',
  'updated_at',
  'changed_seq',
  'previous_due_at',
]);

/**
 * What ruling tasks add to the read models the older code built (the log is the same): every row gains the new
 * columns (a task's kind, a ruling's reasoning, an office's ruling, a notice's or deadline's task kind), and each
 * office registered as not covered by the plan has its provincial ruling task, and that task its deadline, dated
 * by migrate like any other task (the demo's provincial TASK_SLA, 5 minutes from the registration).
 */
const SHANGHAI = '5528ea1d-3113-517a-be17-eb31eb7557de'; // awaiting its ruling
const BEIJING = '1b8956d2-773a-5de2-956d-89b3dd6d5d88'; // ruled on by the demo: retention may be requested
const RULED = {
  ruling: 'retention-may-be-requested',
  ruling_reasoning: '方案未作规定,可按三(一)逐级报批',
  ruling_tier: 'provincial',
};

function withRulingTasks(old: Record<string, Row[]>): Record<string, Row[]> {
  const inFiveMinutes = (at: unknown) => new Date(Date.parse(at as string) + 300_000).toISOString();
  const uncovered = old.offices!.filter((office) => office.rule_id === 'not-covered');
  expect(uncovered.map((office) => office.office_id).sort()).toEqual([BEIJING, SHANGHAI]);
  const rulingTasks = uncovered.map((office) => {
    const ruled = office.office_id === BEIJING;
    return {
      task_id: `${office.office_id}/0`,
      kind: 'ruling',
      office_id: office.office_id,
      office_name: office.name,
      sponsor_unit_id: office.sponsor_unit_id,
      tier: 'provincial',
      jurisdiction_id: 'henan',
      candidate_group: 'provincial@henan',
      assignee: null,
      status: ruled ? 'done' : 'open',
      outcome: ruled ? RULED.ruling : null,
      reasoning: ruled ? RULED.ruling_reasoning : null,
      created_at: office.registered_at,
      due_at: inFiveMinutes(office.registered_at),
      closed_at: ruled ? office.updated_at : null,
    };
  });
  const rulingDeadlines = rulingTasks.map((task) => ({
    deadline_id: `task.${(task.task_id as string).replace('/', '.')}`,
    kind: 'task',
    task_kind: 'ruling',
    subject_id: task.task_id,
    office_id: task.office_id,
    unit_id: 'henan',
    title: task.office_name,
    tier: 'provincial',
    candidate_group: 'provincial@henan',
    assignee: null,
    due_at: task.due_at,
    status: task.status === 'open' ? 'pending' : 'met',
    last_step: null,
  }));
  const byKeys = (table: string) => (a: Row, b: Row) => {
    for (const key of KEYS[table]!) {
      const order = String(a[key]).localeCompare(String(b[key]));
      if (order !== 0) return order;
    }
    return 0;
  };
  // Tasks name the plan's rule of their office since the inbox filters by it.
  const ruleOf = new Map(old.offices!.map((office) => [office.office_id, office.rule_id]));
  const withRule = (task: Row) => ({ ...task, rule_id: ruleOf.get(task.office_id) });
  return {
    ...old,
    offices: old.offices!.map((office) => ({
      ...office,
      ...(office.office_id === BEIJING ? RULED : { ruling: null, ruling_reasoning: null, ruling_tier: null }),
    })),
    tasks: [...old.tasks!.map((task) => ({ ...task, kind: 'retention', reasoning: null })), ...rulingTasks]
      .map(withRule)
      .sort(byKeys('tasks')),
    deadlines: [
      ...old.deadlines!.map((deadline) => ({
        ...deadline,
        task_kind: deadline.kind === 'task' ? 'retention' : null,
      })),
      ...rulingDeadlines,
    ].sort(byKeys('deadlines')),
    notices: old.notices!.map((notice) => ({ ...notice, task_kind: null })),
  };
}

function comparable(rows: Row[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !MOVED_BY_NEW_EVENTS.has(column))),
  );
}

describe('a store written before due dates were events', () => {
  let dataDir: string;
  let io: {
    env: NodeJS.ProcessEnv;
    stdout: { write(text: string): unknown };
    stderr: { write(text: string): unknown };
  };
  let out: string[];

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'migration-'));
    copyFileSync(join(FIXTURE, 'events.sqlite'), join(dataDir, 'events.sqlite'));
    out = [];
    io = {
      env: { ...process.env, ...DEMO_ENV, DATA_DIR: dataDir, READ_STORE_URL: '' },
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => out.push(text) },
    };
    delete io.env.READ_STORE_URL;
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function log(): Promise<RecordedEvent[]> {
    const store = createEventStore(loadConfig(io.env));
    try {
      return await store.readAll({ maxCount: 100_000 });
    } finally {
      await store.close();
    }
  }

  it('rebuilt before migrate, an office registered as not covered shows its ruling task, undated', async () => {
    const config = loadConfig(io.env);
    await runRebuild(config, {});
    const readStore = await openReadStore(config.readStore);
    try {
      const tasks = await readStore.db.selectFrom('tasks').selectAll().orderBy('task_id').execute();
      expect(tasks.find((task) => task.task_id === `${SHANGHAI}/0`)).toMatchObject({
        kind: 'ruling',
        tier: 'provincial',
        candidate_group: 'provincial@henan',
        status: 'open',
        due_at: null,
      });
      // As for every task of the older log: no due date until migrate records one.
      expect(tasks.every((task) => task.due_at === null)).toBe(true);
    } finally {
      await readStore.close();
    }
  });

  it('migrate records one due date per task, once, and the record still verifies', async () => {
    const before = await log();
    const tasks = before.filter(
      (e) => openedTier({ type: e.type, data: e.data } as OfficeEvent) !== undefined,
    );
    expect(tasks.length).toBeGreaterThan(5);
    // The ruling tasks among them: opened by the registration of each office the plan does not cover.
    expect(
      tasks
        .filter((e) => e.type === 'OfficeRegistered')
        .map((e) => e.streamId)
        .sort(),
    ).toEqual([`office-${BEIJING}`, `office-${SHANGHAI}`]);
    expect(before.some((e) => e.type === 'DeadlineSet')).toBe(false);

    expect(await cli(['migrate', '--actor', 'ops.migration'], io)).toBe(0);
    const after = await log();
    const recorded = after.filter((e) => e.type === 'DeadlineSet');
    expect(recorded).toHaveLength(tasks.length);
    expect(after.slice(0, before.length).map((e) => e.id)).toEqual(before.map((e) => e.id));
    for (const event of recorded) {
      expect(event.metadata.actor).toBe('ops.migration');
      expect(event.data).toMatchObject({ kind: 'task', basis: { rule: 'migrated' } });
    }

    expect(await cli(['migrate'], io)).toBe(0);
    expect(out.join('')).toContain('recorded 0 due dates in 0 offices');
    expect(await log()).toHaveLength(after.length);

    const store = createEventStore(loadConfig(io.env));
    try {
      const report = await verifyLog(store);
      expect(report.intact).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('rebuilt, the read models are those the older code built, due dates included', async () => {
    const config = loadConfig(io.env);
    await runRebuild(config, {});
    const expected = withRulingTasks(
      JSON.parse(readFileSync(join(FIXTURE, 'read-models.json'), 'utf8')) as Record<string, Row[]>,
    );
    const readStore = await openReadStore(config.readStore);
    try {
      for (const [table, keys] of Object.entries(KEYS)) {
        let query = readStore.db.selectFrom(table as 'offices').selectAll();
        for (const key of keys) query = query.orderBy(key as 'office_id');
        const rows = (await query.execute()) as Row[];
        expect({ table, rows: comparable(rows) }).toEqual({ table, rows: comparable(expected[table]!) });
      }
      // Versions grew by the due dates recorded in each office's stream, nothing else.
      const offices = await readStore.db.selectFrom('offices').select(['office_id', 'version']).execute();
      const tasksPerOffice = new Map<string, number>();
      for (const task of expected.tasks!) {
        const officeId = task.office_id as string;
        tasksPerOffice.set(officeId, (tasksPerOffice.get(officeId) ?? 0) + 1);
      }
      for (const office of offices) {
        const old = expected.offices!.find((row) => row.office_id === office.office_id)!;
        expect(Number(office.version)).toBe(
          Number(old.version) + (tasksPerOffice.get(office.office_id) ?? 0),
        );
      }
    } finally {
      await readStore.close();
    }
  });
});
