import { randomUUID } from 'node:crypto';
import {
  JurisdictionCatalog,
  NANYANG_UNITS,
  officeDecider,
  officeStreamId,
  taskDeadlineId,
  type OfficeCommand,
} from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { DeadlineProjection } from '../deadlines/projection';
import { OfficeListProjection } from '../offices/projection';
import { listOffices } from '../offices/queries';
import { Projector } from '../projector';
import { openReadStore, resetReadModels, type ReadStore } from '../read-store';
import { rebuildReadModels } from '../rebuild';
import {
  OfficeScenario,
  openTempEventStore,
  register,
  requestRetention,
  ruleOn,
  TempFiles,
  type OfficeStep,
} from '../testing/office-scenario';
import { candidateGroup } from './approval-tasks';
import { TaskInboxProjection } from './projection';
import { findTask, queryInbox } from './queries';

const files = new TempFiles();
const catalog = new JurisdictionCatalog(NANYANG_UNITS);
const projections = () => [
  new OfficeListProjection(catalog),
  new TaskInboxProjection(catalog),
  new DeadlineProjection(catalog),
];
const PROVINCIAL = candidateGroup('provincial', 'henan');

describe('ruling tasks: an office the plan does not cover waits in the provincial inbox', () => {
  let store: EventStore;
  let readStore: ReadStore;
  let projector: Projector;
  let scenario: OfficeScenario;

  beforeEach(async () => {
    store = openTempEventStore(files);
    readStore = await openReadStore({ kind: 'sqlite', filename: files.path('ruling-tasks') });
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

  const run = async (...steps: OfficeStep[]) => {
    const result = await scenario.runAll(steps);
    await projector.waitFor(result!.position);
  };
  const inbox = (view: 'group' | 'mine' = 'group', approver = 'approver.henan') =>
    queryInbox(readStore, {
      groups: [PROVINCIAL],
      approver,
      view,
      now: '2016-03-20T00:00:00.000Z',
      page: 1,
      pageSize: 50,
    });
  const deadline = (taskId: string) =>
    readStore.db
      .selectFrom('deadlines')
      .selectAll()
      .where('deadline_id', '=', taskDeadlineId(taskId))
      .executeTakeFirst();
  const office = async (officeId: string) =>
    (await listOffices(readStore, {}, 1, 50)).items.find((row) => row.office_id === officeId);

  it('registration opens a ruling task of the province’s approvers, due as recorded, with its deadline', async () => {
    await run(register('drc-sh', 'henan.nanyang.drc', 'shanghai'));
    const { items } = await inbox();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      task_id: 'drc-sh/0',
      kind: 'ruling',
      office_id: 'drc-sh',
      tier: 'provincial',
      jurisdiction_id: 'henan',
      candidate_group: PROVINCIAL,
      status: 'open',
      outcome: null,
      reasoning: null,
      // Registered 2016-03-01 (Tuesday) 16:00 CST; fifteen working days → Tuesday 2016-03-22.
      due_at: '2016-03-22T08:00:00.000Z',
    });
    expect(await deadline('drc-sh/0')).toMatchObject({
      kind: 'task',
      task_kind: 'ruling',
      unit_id: 'henan',
      tier: 'provincial',
      candidate_group: PROVINCIAL,
      due_at: '2016-03-22T08:00:00.000Z',
      status: 'pending',
    });
    // The county and municipal approvers have nothing of it.
    const municipal = await queryInbox(readStore, {
      groups: [candidateGroup('municipal', 'henan.nanyang')],
      approver: 'approver.nanyang',
      view: 'group',
      now: '2016-03-20T00:00:00.000Z',
      page: 1,
      pageSize: 50,
    });
    expect(municipal.total).toBe(0);
  });

  it('claimed, it shows as the approver’s; the ruling closes it with the ruling, and every model agrees', async () => {
    await run(register('drc-sh', 'henan.nanyang.drc', 'shanghai'), {
      officeId: 'drc-sh',
      command: { type: 'ClaimTask', data: { tier: 'provincial', approver: 'a' } },
    });
    expect((await inbox('mine', 'a')).items.map((t) => t.task_id)).toEqual(['drc-sh/0']);
    expect(await deadline('drc-sh/0')).toMatchObject({ assignee: 'a' });

    await run(ruleOn('drc-sh', 'retention-may-be-requested'));
    expect((await inbox()).total).toBe(0);
    expect(await findTask(readStore, 'drc-sh/0')).toMatchObject({
      kind: 'ruling',
      status: 'done',
      outcome: 'retention-may-be-requested',
      reasoning: 'ruled on by the bureau',
    });
    expect(await deadline('drc-sh/0')).toMatchObject({ status: 'met' });
    expect(await office('drc-sh')).toMatchObject({
      status: 'proposed',
      required_outcome: 'retain-or-abolish',
      ruling: 'retention-may-be-requested',
      ruling_reasoning: 'ruled on by the bureau',
      ruling_tier: 'provincial',
    });

    // The request the ruling allows is a retention task of the municipal tier (revision 4: after the registration,
    // its due date, the claim and the ruling).
    await run(requestRetention('drc-sh'));
    const municipal = await readStore.db
      .selectFrom('tasks')
      .selectAll()
      .where('status', '=', 'open')
      .execute();
    expect(municipal.map((t) => [t.task_id, t.kind, t.tier])).toEqual([
      ['drc-sh/4', 'retention', 'municipal'],
    ]);
  });

  it('a log written before ruling tasks: rebuilt, the task shows undated until its due date is recorded', async () => {
    // The registration as the older code appended it: no due date after it.
    const registration = register('old-sh', 'henan.nanyang.drc', 'shanghai').command as OfficeCommand;
    const [registered] = officeDecider(scenario.context).decide(
      { ...registration, metadata: { now: '2016-02-01T08:00:00.000Z' } },
      { version: 0, office: { status: 'unregistered' }, tasks: [] },
    );
    await store.append(
      officeStreamId('old-sh'),
      [
        {
          id: randomUUID(),
          type: registered!.type,
          data: registered!.data,
          metadata: {
            actor: 'clerk',
            role: 'clerk',
            correlationId: randomUUID(),
            causationId: randomUUID(),
            occurredAt: '2016-02-01T08:00:00.000Z',
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    await projector.stop();
    await rebuildReadModels(store, readStore, projections());
    expect((await inbox()).items).toMatchObject([
      {
        task_id: 'old-sh/0',
        kind: 'ruling',
        status: 'open',
        due_at: null,
        created_at: '2016-02-01T08:00:00.000Z',
      },
    ]);
    expect(await deadline('old-sh/0')).toMatchObject({ status: 'pending', due_at: null });

    projector = new Projector(store, readStore, projections());
    await projector.start();
    await run({
      officeId: 'old-sh',
      command: {
        type: 'RecordTaskDeadlines',
        data: { tasks: [{ taskId: 'old-sh/0', arrivedAt: '2016-02-01T08:00:00.000Z' }] },
      },
    });
    // Fifteen working days from Monday 2016-02-01 16:00 CST, past the Spring Festival holidays.
    const dated = (await inbox()).items[0]!;
    expect(dated).toMatchObject({ task_id: 'old-sh/0', due_at: expect.any(String) });
    expect((await deadline('old-sh/0'))!.due_at).toBe(dated.due_at);
  });
});
