import type { Transaction } from 'kysely';
import { allTables } from './testing/read-model-tables';
import type { Position, RecordedEvent, SqliteEventStore } from '@liaison/event-store';
import { readModelProjections } from './read-models';
import type { Projection } from './projection';
import { Projector, readCheckpoint } from './projector';
import { openReadStore, REBUILD_LOCK, resetReadModels, type ReadDb, type ReadStore } from './read-store';
import { catchUp, rebuildReadModels, rebuildUnderLock } from './rebuild';
import {
  acquireRebuildLock,
  readModelsRebuilding,
  ReadModelsLockedError,
  releaseRebuildLock,
} from './rebuild-lock';
import {
  CAMPAIGN,
  CAMPAIGN_EVENTS,
  DECISIONS,
  expectedCampaignRows,
  OFFICE,
  OfficeScenario,
  openTempEventStore,
  REGISTRATION_EVENTS,
  REGISTRATIONS,
  registerStaffMember,
  TempFiles,
} from './testing/office-scenario';
import { realisticLog } from './testing/realistic-log';
import { replayBatches, ReplaySuperseded } from './replay/batch-replay';

const files = new TempFiles();
afterAll(() => files.removeAll());

/** Sees every batch the projector applies, and every time it is told to forget what it remembers. */
class RecordingProjection implements Projection {
  readonly name = 'recording';
  readonly applied: bigint[] = [];
  invalidated = 0;

  async applyBatch(_trx: Transaction<ReadDb>, events: readonly RecordedEvent[]): Promise<void> {
    this.applied.push(...events.map((event) => event.position.commit));
  }

  invalidate(): void {
    this.invalidated++;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the rebuild lock', () => {
  let store: SqliteEventStore;
  let readStore: ReadStore;
  let scenario: OfficeScenario;
  let readFile: string;
  const projectors: Projector[] = [];
  const opened: ReadStore[] = [];

  /** The same read store as another process would open it. */
  async function open(filename: string): Promise<ReadStore> {
    const connection = await openReadStore({ kind: 'sqlite', filename });
    opened.push(connection);
    return connection;
  }

  function projector(projections: Projection[], on: ReadStore = readStore): Projector {
    const created = new Projector(store, on, projections);
    projectors.push(created);
    return created;
  }

  beforeEach(async () => {
    store = openTempEventStore(files);
    readFile = files.path('read-models');
    readStore = await open(readFile);
    scenario = new OfficeScenario(store);
  });

  afterEach(async () => {
    for (const running of projectors.splice(0)) await running.stop();
    await store.close();
    for (const connection of opened.splice(0)) await connection.close();
  });

  it('a running projector applies nothing while the lock is held, then resumes from the stored checkpoint', async () => {
    const recorder = new RecordingProjection();
    const live = projector([...readModelProjections(scenario.context), recorder]);
    await live.start();
    const registered = await scenario.runAll(REGISTRATIONS);
    await live.waitFor(registered!.position);
    const before = await allTables(readStore);
    const invalidatedBefore = recorder.invalidated;

    // Another process takes the lock, on its own connection.
    const elsewhere = await open(readFile);
    await acquireRebuildLock(elsewhere, 'rebuild elsewhere');
    expect(await readModelsRebuilding(readStore)).toEqual({
      by: 'rebuild elsewhere',
      since: expect.any(String),
    });

    const midway = await scenario.runAll(DECISIONS.slice(0, 10));
    const waiting = live.waitFor(midway!.position, 20_000);
    await sleep(700); // well past the 250 ms poll and the subscription's 20 ms poll
    expect(await readCheckpoint(readStore)).toEqual(registered!.position);
    expect(live.checkpoint).toEqual(registered!.position);
    expect(await allTables(readStore)).toEqual(before);
    expect(recorder.applied).toEqual(Array.from({ length: REGISTRATION_EVENTS }, (_, i) => BigInt(i + 1)));

    // The rebuild replays the log so far on its connection, under its lock, then more arrives before it ends.
    await rebuildReadModels(store, elsewhere, readModelProjections(scenario.context), {
      lockOwner: 'rebuild elsewhere',
    });
    expect(await readCheckpoint(readStore)).toEqual(midway!.position);
    const end = await scenario.runAll(DECISIONS.slice(10));
    await sleep(300);
    expect(live.checkpoint).toEqual(registered!.position);
    expect(await readCheckpoint(readStore)).toEqual(midway!.position);

    expect(await releaseRebuildLock(elsewhere, 'rebuild elsewhere')).toBe(true);
    await waiting;
    await live.waitFor(end!.position, 10_000);

    // Events the rebuild applied were not applied again: the live projector went on from the rebuilt checkpoint.
    const head = Number(end!.position.commit);
    const afterRebuild = Number(midway!.position.commit);
    expect(recorder.applied).toEqual([
      ...Array.from({ length: REGISTRATION_EVENTS }, (_, i) => BigInt(i + 1)),
      ...Array.from({ length: head - afterRebuild }, (_, i) => BigInt(afterRebuild + i + 1)),
    ]);
    expect(recorder.invalidated).toBeGreaterThan(invalidatedBefore);
    expect(live.checkpoint).toEqual(end!.position);
    expect(await readCheckpoint(readStore)).toEqual(end!.position);
    const offices = (await allTables(readStore)).offices as { office_id: string; seq: number }[];
    expect(offices.map(({ seq: _seq, ...columns }) => columns)).toEqual(
      expectedCampaignRows().sort((a, b) => (a.office_id < b.office_id ? -1 : 1)),
    );
    // The rows equal a rebuild from zero of the whole log.
    const reference = await open(files.path('reference'));
    await rebuildReadModels(store, reference, readModelProjections(scenario.context));
    expect(await allTables(readStore)).toEqual(await allTables(reference));
  });

  it('a projector that was idle through a rebuild notices it at its next batch and forgets its cached rows', async () => {
    const recorder = new RecordingProjection();
    const live = projector([...readModelProjections(scenario.context), recorder]);
    await live.start();
    const last = await scenario.runAll(CAMPAIGN);
    await live.waitFor(last!.position);

    await rebuildUnderLock(store, readStore, readModelProjections(scenario.context));
    expect(await readModelsRebuilding(readStore)).toBeUndefined();
    const invalidated = recorder.invalidated;

    const late = await scenario.run(registerStaffMember(OFFICE.wanchengZhengzhou, 'wc-1'));
    await live.waitFor(late.position);
    expect(recorder.applied).toEqual(
      Array.from({ length: CAMPAIGN_EVENTS }, (_, i) => BigInt(i + 1)).concat(late.position.commit),
    );
    expect(recorder.invalidated).toBeGreaterThan(invalidated);
    const reference = await open(files.path('reference'));
    await catchUp(store, reference, readModelProjections(scenario.context));
    expect(await allTables(readStore)).toEqual(await allTables(reference));
  });

  it('rebuilding from zero under the lock, with the live projector running, gives every table row for row', async () => {
    const live = projector(readModelProjections(scenario.context));
    await live.start();
    await realisticLog(store, scenario, (position) => live.waitFor(position));
    const head = (await store.headPosition())!;
    expect(live.checkpoint).toEqual(head);
    const incremental = await allTables(readStore);
    for (const table of readStore.tables) expect(incremental[table]!.length).toBeGreaterThan(0);

    const progress: Position[] = [];
    const rebuilt = await rebuildUnderLock(store, readStore, readModelProjections(scenario.context), {
      maxBatch: 7,
      onProgress: ({ position }) => progress.push(position),
    });

    expect(rebuilt.events).toBe(Number(head.commit));
    expect(progress.at(-1)).toEqual(head);
    expect(await readCheckpoint(readStore)).toEqual(head);
    expect(await readModelsRebuilding(readStore)).toBeUndefined();
    expect(await allTables(readStore)).toEqual(incremental);
  });

  // A rebuild's batches are large (50,000 events): every read model applies a batch event by event, so an office
  // registered (or the campaign launched) and abolished within one batch still gets its abolition deadline, pending
  // then met, as the event-by-event build has it.
  it('rebuilding from zero in one large batch gives every table row for row', async () => {
    const live = projector(readModelProjections(scenario.context));
    await live.start();
    await realisticLog(store, scenario, (position) => live.waitFor(position));
    const incremental = await allTables(readStore);

    const fresh = await open(files.path('fresh'));
    await rebuildReadModels(store, fresh, readModelProjections(scenario.context));
    expect(await allTables(fresh)).toEqual(incremental);
  });

  it('refuses a second rebuild while one holds the lock; force takes a stale lock over; the lock survives a reset', async () => {
    await scenario.runAll(REGISTRATIONS);
    await acquireRebuildLock(readStore, 'a rebuild that died');
    await resetReadModels(readStore);
    expect(await readModelsRebuilding(readStore)).toMatchObject({ by: 'a rebuild that died' });

    const projections = readModelProjections(scenario.context);
    await expect(rebuildUnderLock(store, readStore, projections)).rejects.toThrow(ReadModelsLockedError);
    expect(await readModelsRebuilding(readStore)).toMatchObject({ by: 'a rebuild that died' });
    expect(await readCheckpoint(readStore)).toBeUndefined();

    let replaced: string | undefined;
    const result = await rebuildUnderLock(store, readStore, projections, {
      force: true,
      onLocked: (_owner, stale) => (replaced = stale?.by),
    });
    expect(replaced).toBe('a rebuild that died');
    expect(result.events).toBe(REGISTRATION_EVENTS);
    expect(await readModelsRebuilding(readStore)).toBeUndefined();
    const rows = await readStore.db.selectFrom('checkpoints').select('name').execute();
    expect(rows.map((row) => row.name)).not.toContain(REBUILD_LOCK);
  });

  it('removes the lock when the rebuild fails, leaving what it had applied for the projectors to carry on from', async () => {
    await scenario.runAll(CAMPAIGN);
    class Failing implements Projection {
      readonly name = 'failing';
      async applyBatch(_trx: Transaction<ReadDb>, events: readonly RecordedEvent[]): Promise<void> {
        if (events.some((event) => event.type === 'OfficeClosed'))
          throw new Error('cannot project OfficeClosed');
      }
    }
    await expect(
      rebuildUnderLock(store, readStore, [...readModelProjections(scenario.context), new Failing()], {
        maxBatch: 5,
      }),
    ).rejects.toThrow(/cannot project OfficeClosed/);
    expect(await readModelsRebuilding(readStore)).toBeUndefined();
    const reached = await readCheckpoint(readStore);
    expect(Number(reached!.commit)).toBeGreaterThan(0);

    const live = projector(readModelProjections(scenario.context));
    await live.start();
    expect(live.checkpoint).toEqual(reached);
    await live.waitFor((await store.headPosition())!);
    const reference = await open(files.path('reference'));
    await catchUp(store, reference, readModelProjections(scenario.context));
    expect(await allTables(readStore)).toEqual(await allTables(reference));
  });

  it('a rebuild whose lock another has taken applies nothing, stands aside like a projector, then finishes', async () => {
    await scenario.runAll(CAMPAIGN);
    const head = (await store.headPosition())!;
    await acquireRebuildLock(readStore, 'second');
    const recorder = new RecordingProjection();
    await expect(
      replayBatches(store, readStore, [recorder], head, { maxBatch: 5, lockOwner: 'first' }),
    ).rejects.toThrow(ReplaySuperseded);
    expect(recorder.applied).toEqual([]);
    expect(await readCheckpoint(readStore)).toBeUndefined();

    let finished = false;
    const rebuilt = rebuildReadModels(store, readStore, readModelProjections(scenario.context), {
      lockOwner: 'first',
      maxBatch: 5,
    }).finally(() => (finished = true));
    await sleep(700);
    expect(finished).toBe(false);
    expect(await readCheckpoint(readStore)).toBeUndefined();
    expect(await releaseRebuildLock(readStore, 'second')).toBe(true);
    expect((await rebuilt).events).toBe(CAMPAIGN_EVENTS);
    expect(await readCheckpoint(readStore)).toEqual(head);
    const reference = await open(files.path('reference'));
    await catchUp(store, reference, readModelProjections(scenario.context));
    expect(await allTables(readStore)).toEqual(await allTables(reference));
  });
});
