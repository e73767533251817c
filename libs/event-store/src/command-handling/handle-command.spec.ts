import {
  officeContext,
  officeDecider,
  officeStreamId,
  OfficeNotFound,
  PolicyViolation,
  unitDecider,
  unitStreamId,
  type FileWorkPlan,
  type OfficeCommand,
  type RegisterOffice,
} from '@liaison/domain';
import {
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
} from '../event-store.port';
import { SqliteEventStore } from '../sqlite-event-store';
import { IdempotencyKeyReused, VersionConflict } from './errors';
import { foldStream, handleCommand, type CommandRequest } from './handle-command';
import { deterministicUuid } from './ids';

const context = officeContext();
const offices = officeDecider(context);
const units = unitDecider(context.jurisdictions);
const OFFICE_ID = '0d4c3c38-6f0e-4f8e-9a55-6f5b1f6e2a10';
const STREAM = officeStreamId(OFFICE_ID);
const NOW = '2015-07-01T02:00:00.000Z';
const CLERK: CommandRequest = { actor: 'clerk.xichuan', role: 'clerk', now: NOW };

const register: RegisterOffice = {
  type: 'RegisterOffice',
  data: {
    officeId: OFFICE_ID,
    name: '淅川县人民政府驻郑州办事处',
    sponsorUnitId: 'henan.nanyang.xichuan',
    hostCityId: 'zhengzhou',
    pairedAssistance: false,
    assets: [],
    staff: [],
  },
};
const asset = (assetId: string): OfficeCommand => ({
  type: 'RegisterAsset',
  data: { asset: { assetId, kind: 'vehicle', description: `car ${assetId}`, bookValue: 1000 } },
});
const workPlan = (plan: string): FileWorkPlan => ({
  type: 'FileWorkPlan',
  data: {
    unitId: 'henan.nanyang.xixia',
    leadDepartment: '县政府办公室',
    liaisonPerson: { name: '王联络', phone: '0377-69212345' },
    plan,
  },
});

/** The real store, with a hook that runs just before an append: another writer getting there first. */
class RacingStore implements EventStore {
  readonly competing: ((store: SqliteEventStore) => Promise<void>)[] = [];
  appends = 0;

  constructor(readonly inner: SqliteEventStore) {}

  async append(streamId: string, events: EventToAppend[], options: { expectedRevision: ExpectedRevision }) {
    this.appends++;
    const other = this.competing.shift();
    if (other) await other(this.inner);
    return this.inner.append(streamId, events, options) as Promise<AppendResult>;
  }
  readStream: EventStore['readStream'] = (streamId, options) => this.inner.readStream(streamId, options);
  readAll: EventStore['readAll'] = (options) => this.inner.readAll(options);
  subscribeToAll: EventStore['subscribeToAll'] = (options) => this.inner.subscribeToAll(options);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  close = () => this.inner.close();
}

/** Another writer's RegisterAsset, appended straight after whatever the stream holds. */
async function competingAsset(store: SqliteEventStore, assetId: string): Promise<void> {
  const version = (await store.readStream(STREAM)).length;
  await handleCommand(store, STREAM, offices, asset(assetId), {
    ...CLERK,
    expectedVersion: version,
  });
}

describe('handleCommand on the SQLite event store', () => {
  let sqlite: SqliteEventStore;
  let store: RacingStore;

  beforeEach(() => {
    sqlite = new SqliteEventStore({ filename: ':memory:' });
    store = new RacingStore(sqlite);
  });

  afterEach(async () => {
    await sqlite.close();
  });

  it('decides on the folded stream and appends with the handler’s time and the actor in the metadata', async () => {
    const first = await handleCommand(store, STREAM, offices, register, { ...CLERK, comment: 'found' });

    expect(first).toMatchObject({
      streamId: STREAM,
      version: 1,
      replayed: false,
      state: { office: { status: 'proposed' } },
      events: [{ type: 'OfficeRegistered', revision: 0 }],
    });
    const [recorded] = await sqlite.readStream(STREAM);
    expect(first.events[0]!.id).toBe(recorded!.id);
    expect(first.position).toStrictEqual(recorded!.position);
    expect(recorded!.metadata).toMatchObject({
      actor: 'clerk.xichuan',
      role: 'clerk',
      comment: 'found',
      occurredAt: NOW,
      commandType: 'RegisterOffice',
    });
    // Without an Idempotency-Key nothing can be replayed, so no fingerprint is kept.
    expect(recorded!.metadata).not.toHaveProperty('commandHash');

    const second = await handleCommand(store, STREAM, offices, asset('car-1'), CLERK);
    expect(second.version).toBe(2);
    expect(second.events).toMatchObject([{ type: 'AssetRegistered', revision: 1 }]);
    expect(
      second.state.office.status === 'proposed' && Object.keys(second.state.office.office.assets),
    ).toEqual(['car-1']);
  });

  it('sets metadata.now on the command, so a decider that dates what it records uses the handler’s time', async () => {
    const filed = await handleCommand(
      store,
      unitStreamId('henan.nanyang.xixia'),
      units,
      workPlan('p'),
      CLERK,
    );

    expect(filed.events[0]!.data).toMatchObject({ filedAt: NOW });
  });

  it('appends nothing when the decider decides nothing, and answers with the stream as it is', async () => {
    const streamId = unitStreamId('henan.nanyang.xixia');
    const filed = await handleCommand(store, streamId, units, workPlan('p'), CLERK);
    const again = await handleCommand(store, streamId, units, workPlan('p'), {
      ...CLERK,
      now: '2015-07-02T00:00:00.000Z',
    });

    expect(again).toMatchObject({ events: [], version: 1, replayed: false, position: filed.position });
    expect(again.state.workPlan?.filedAt).toBe(NOW);
    expect(await sqlite.readStream(streamId)).toHaveLength(1);
  });

  it('refuses what the decider refuses and appends nothing', async () => {
    const refused = handleCommand(
      store,
      STREAM,
      offices,
      { ...register, data: { ...register.data, hostCityId: 'nowhere' } },
      CLERK,
    );

    await expect(refused).rejects.toThrow(/nowhere/);
    expect(await sqlite.readAll()).toStrictEqual([]);
  });

  describe('Idempotency-Key', () => {
    it('derives the event ids from the key; a retry answers the first result, replayed, appending nothing', async () => {
      const keyed = { ...CLERK, idempotencyKey: 'key-1' };
      const first = await handleCommand(store, STREAM, offices, register, keyed);
      await handleCommand(store, STREAM, offices, asset('car-1'), CLERK);
      const retry = await handleCommand(store, STREAM, offices, register, {
        ...keyed,
        now: '2016-01-01T00:00:00.000Z',
      });

      expect(first.events[0]!.id).toBe(deterministicUuid(`${STREAM}|clerk.xichuan|key-1|0`));
      const [recorded] = await sqlite.readStream(STREAM);
      expect(recorded!.metadata).toMatchObject({
        idempotencyKey: 'key-1',
        commandHash: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      expect(retry).toMatchObject({ replayed: true, version: 1, position: first.position });
      expect(retry.events).toStrictEqual(first.events);
      // The state as the first run left it, not as the stream stands now.
      expect(retry.state).toStrictEqual(first.state);
      expect(await sqlite.readStream(STREAM)).toHaveLength(2);
    });

    it('refuses the same key with another command', async () => {
      await handleCommand(store, STREAM, offices, register, { ...CLERK, idempotencyKey: 'key-1' });

      const reused = handleCommand(store, STREAM, offices, asset('car-1'), {
        ...CLERK,
        idempotencyKey: 'key-1',
      });
      await expect(reused).rejects.toThrow(IdempotencyKeyReused);
      await expect(reused).rejects.toMatchObject({ idempotencyKey: 'key-1', streamId: STREAM });
      expect(await sqlite.readStream(STREAM)).toHaveLength(1);
    });

    it('matches a retry on the fingerprint the caller gives in place of data made afresh each attempt', async () => {
      const keyed = () => ({ ...CLERK, idempotencyKey: 'key-2', fingerprint: { unit: 'xixia' } });
      const streamId = unitStreamId('henan.nanyang.xixia');
      const first = await handleCommand(store, streamId, units, workPlan('a'), keyed());
      const retry = await handleCommand(store, streamId, units, workPlan('b'), keyed());

      expect(retry).toMatchObject({ replayed: true, events: first.events });
      expect(await sqlite.readStream(streamId)).toHaveLength(1);
    });

    it('ids without a key come from the caller’s eventId, else are random', async () => {
      const streamId = unitStreamId('henan.nanyang.xixia');
      const given = await handleCommand(store, streamId, units, workPlan('a'), {
        ...CLERK,
        eventId: (event, index) => deterministicUuid(`${event.type}|${index}`),
      });
      const random = await handleCommand(store, streamId, units, workPlan('b'), CLERK);

      expect(given.events[0]!.id).toBe(deterministicUuid('WorkPlanFiled|0'));
      expect(random.events[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(random.events[0]!.id).not.toBe(given.events[0]!.id);
    });
  });

  describe('If-Match', () => {
    it('refuses a stale expected version with the current one and appends nothing', async () => {
      await handleCommand(store, STREAM, offices, register, CLERK);

      const stale = handleCommand(store, STREAM, offices, asset('car-1'), { ...CLERK, expectedVersion: 7 });
      await expect(stale).rejects.toThrow(VersionConflict);
      await expect(stale).rejects.toMatchObject({ streamId: STREAM, expectedVersion: 7, currentVersion: 1 });
      const fresh = await handleCommand(store, STREAM, offices, asset('car-1'), {
        ...CLERK,
        expectedVersion: 1,
      });
      expect(fresh.version).toBe(2);
    });

    it('does not rebase a pinned version onto a concurrent append: VersionConflict, tried once', async () => {
      await handleCommand(store, STREAM, offices, register, CLERK);
      store.competing.push((inner) => competingAsset(inner, 'theirs'));
      const appendsBefore = store.appends;

      const pinned = handleCommand(store, STREAM, offices, asset('mine'), { ...CLERK, expectedVersion: 1 });
      await expect(pinned).rejects.toMatchObject({ expectedVersion: 1, currentVersion: 2 });
      expect(store.appends - appendsBefore).toBe(1);
      const types = (await sqlite.readStream(STREAM)).map(
        (event) => (event.data as { asset?: { assetId: string } }).asset?.assetId,
      );
      expect(types).toStrictEqual([undefined, 'theirs']);
    });
  });

  describe('concurrent appends', () => {
    it('retries on the new state when no version was pinned', async () => {
      await handleCommand(store, STREAM, offices, register, CLERK);
      store.competing.push((inner) => competingAsset(inner, 'theirs'));

      const mine = await handleCommand(store, STREAM, offices, asset('mine'), CLERK);

      expect(mine).toMatchObject({ version: 3, events: [{ type: 'AssetRegistered', revision: 2 }] });
      expect(
        mine.state.office.status === 'proposed' && Object.keys(mine.state.office.office.assets).sort(),
      ).toEqual(['mine', 'theirs']);
    });

    it('a retry that finds its work done by the other writer decides nothing', async () => {
      const streamId = unitStreamId('henan.nanyang.xixia');
      store.competing.push(async (inner) => {
        await handleCommand(inner, streamId, units, workPlan('same'), CLERK);
      });

      const mine = await handleCommand(store, streamId, units, workPlan('same'), CLERK);

      expect(mine).toMatchObject({ events: [], version: 1 });
      expect(await sqlite.readStream(streamId)).toHaveLength(1);
    });

    it('gives up after the bound with a VersionConflict carrying the stream’s current version', async () => {
      await handleCommand(store, STREAM, offices, register, CLERK);
      for (let i = 0; i < 3; i++) store.competing.push((inner) => competingAsset(inner, `theirs-${i}`));

      const lost = handleCommand(store, STREAM, offices, asset('mine'), { ...CLERK, maxAttempts: 3 });

      await expect(lost).rejects.toThrow(VersionConflict);
      await expect(lost).rejects.toMatchObject({ expectedVersion: 3, currentVersion: 4 });
      expect(await sqlite.readStream(STREAM)).toHaveLength(4);
    });

    it('twenty simultaneous filings of different plans: each is recorded or refused with a conflict', async () => {
      const streamId = unitStreamId('henan.nanyang.xixia');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          handleCommand(sqlite, streamId, units, workPlan(`plan ${i}`), CLERK),
        ),
      );

      const recorded = await sqlite.readStream(streamId);
      const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const rejected = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(fulfilled).toHaveLength(recorded.length);
      for (const reason of rejected) {
        expect(reason).toBeInstanceOf(VersionConflict);
        expect((reason as VersionConflict).currentVersion).toBeGreaterThan(0);
      }
      expect(recorded.map((event) => Number(event.revision))).toStrictEqual(recorded.map((_, i) => i));
    });
  });

  describe('options', () => {
    it('throws the caller’s not-found error on a stream that must exist, and only then', async () => {
      const missing = handleCommand(store, STREAM, offices, asset('car-1'), {
        ...CLERK,
        notFound: () => new OfficeNotFound(OFFICE_ID),
      });
      await expect(missing).rejects.toThrow(OfficeNotFound);

      await handleCommand(store, STREAM, offices, register, CLERK);
      const found = await handleCommand(store, STREAM, offices, asset('car-1'), {
        ...CLERK,
        notFound: () => new OfficeNotFound(OFFICE_ID),
      });
      expect(found.version).toBe(2);
    });

    it('authorizes on the state and version read, before deciding', async () => {
      await handleCommand(store, STREAM, offices, register, CLERK);
      const seen: [string, number][] = [];

      const refused = handleCommand(store, STREAM, offices, asset('car-1'), {
        ...CLERK,
        authorize: (state, version) => {
          seen.push([state.office.status, version]);
          throw new PolicyViolation('八', 'not yours');
        },
      });

      await expect(refused).rejects.toThrow('not yours');
      expect(seen).toStrictEqual([['proposed', 1]]);
      expect(await sqlite.readStream(STREAM)).toHaveLength(1);
    });

    it('decides first on an assumed state without reading; a stale one costs a refused append and a read', async () => {
      await handleCommand(store, STREAM, offices, register, CLERK);
      const asRead = foldStream(offices, await sqlite.readStream(STREAM));
      const read = jest.spyOn(sqlite, 'readStream');

      const trusted = await handleCommand(store, STREAM, offices, asset('a'), {
        ...CLERK,
        assumed: { state: asRead, version: 1 },
      });
      expect(trusted.version).toBe(2);
      expect(read).not.toHaveBeenCalled();

      const stale = await handleCommand(store, STREAM, offices, asset('b'), {
        ...CLERK,
        assumed: { state: asRead, version: 1 },
      });
      expect(stale).toMatchObject({ version: 3, events: [{ type: 'AssetRegistered', revision: 2 }] });
      expect(read).toHaveBeenCalledTimes(1);
      expect(
        stale.state.office.status === 'proposed' && Object.keys(stale.state.office.office.assets),
      ).toEqual(['a', 'b']);
    });
  });
});
