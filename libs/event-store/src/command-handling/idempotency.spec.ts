import {
  officeContext,
  officeDecider,
  officeStreamId,
  type OfficeCommand,
  type RegisterOffice,
} from '@liaison/domain';
import { SqliteEventStore } from '../sqlite-event-store';
import { handleCommand, type CommandRequest } from './handle-command';
import { deterministicUuid, fingerprint } from './ids';

const offices = officeDecider(officeContext());
const OFFICE_ID = '0d4c3c38-6f0e-4f8e-9a55-6f5b1f6e2a10';
const STREAM = officeStreamId(OFFICE_ID);
const NOW = '2015-07-01T02:00:00.000Z';
const CLERK: CommandRequest = { actor: 'clerk.xichuan', role: 'clerk', now: NOW };
const OTHER: CommandRequest = { actor: 'clerk.xichuan.2', role: 'clerk', now: NOW };

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

describe('an Idempotency-Key is the caller’s own', () => {
  let store: SqliteEventStore;

  beforeEach(async () => {
    store = new SqliteEventStore({ filename: ':memory:' });
    await handleCommand(store, STREAM, offices, register, CLERK);
  });

  afterEach(async () => {
    await store.close();
  });

  it('another caller reusing the key is not answered with the first caller’s result: its command runs', async () => {
    const first = await handleCommand(store, STREAM, offices, asset('car-1'), {
      ...CLERK,
      idempotencyKey: 'k',
    });
    const other = await handleCommand(store, STREAM, offices, asset('car-2'), {
      ...OTHER,
      idempotencyKey: 'k',
    });

    expect(other.replayed).toBe(false);
    expect(other.events.map((event) => event.type)).toEqual(['AssetRegistered']);
    expect(other.events[0]!.id).not.toBe(first.events[0]!.id);
    expect(await store.readStream(STREAM)).toHaveLength(3);
  });

  it('another caller sending the very same command with the key gets its own answer, not a replay', async () => {
    await handleCommand(store, STREAM, offices, asset('car-1'), { ...CLERK, idempotencyKey: 'k' });
    const other = handleCommand(store, STREAM, offices, asset('car-1'), { ...OTHER, idempotencyKey: 'k' });
    await expect(other).rejects.toThrow(/already registered/);
  });

  it('each caller’s retry still replays their own first run', async () => {
    const mine = await handleCommand(store, STREAM, offices, asset('car-1'), {
      ...CLERK,
      idempotencyKey: 'k',
    });
    const theirs = await handleCommand(store, STREAM, offices, asset('car-2'), {
      ...OTHER,
      idempotencyKey: 'k',
    });
    const myRetry = await handleCommand(store, STREAM, offices, asset('car-1'), {
      ...CLERK,
      idempotencyKey: 'k',
    });
    const theirRetry = await handleCommand(store, STREAM, offices, asset('car-2'), {
      ...OTHER,
      idempotencyKey: 'k',
    });

    expect(myRetry).toMatchObject({ replayed: true, events: mine.events });
    expect(theirRetry).toMatchObject({ replayed: true, events: theirs.events });
  });

  it('derives new events’ ids from the actor and the key; events recorded under the older derivation replay with their ids', async () => {
    const fresh = await handleCommand(store, STREAM, offices, asset('car-1'), {
      ...CLERK,
      idempotencyKey: 'new',
    });
    expect(fresh.events[0]!.id).toBe(deterministicUuid(`${STREAM}|clerk.xichuan|new|0`));

    // As a command with a key was recorded before keys were the caller's: the id from the stream and key alone.
    const legacyId = deterministicUuid(`${STREAM}|old|0`);
    const command = asset('car-9');
    await store.append(
      STREAM,
      [
        {
          id: legacyId,
          type: 'AssetRegistered',
          data: { officeId: OFFICE_ID, asset: (command.data as { asset: unknown }).asset },
          metadata: {
            actor: 'clerk.xichuan',
            role: 'clerk',
            correlationId: 'c',
            causationId: 'c',
            occurredAt: NOW,
            commandType: 'RegisterAsset',
            commandHash: fingerprint({ type: command.type, data: command.data }),
            idempotencyKey: 'old',
          },
        },
      ],
      { expectedRevision: 1n },
    );
    const retry = await handleCommand(store, STREAM, offices, command, { ...CLERK, idempotencyKey: 'old' });
    expect(retry).toMatchObject({ replayed: true });
    expect(retry.events[0]!.id).toBe(legacyId);
  });
});
