import {
  accountDecider,
  JurisdictionCatalog,
  NANYANG_UNITS,
  userStreamId,
  type AccountCommand,
} from '@liaison/domain';
import { handleCommand, type EventStore } from '@liaison/event-store';
import { Projector } from '../projector';
import { openReadStore, resetReadModels, type ReadStore } from '../read-store';
import { rebuildReadModels } from '../rebuild';
import { openTempEventStore, TempFiles } from '../testing/office-scenario';
import { allTables } from '../testing/read-model-tables';
import { UserListProjection } from './projection';
import { ListUsersHandler, ListUsersQuery } from './user.queries';

const files = new TempFiles();
const catalog = new JurisdictionCatalog(NANYANG_UNITS);
const decider = accountDecider(catalog);
const HASH = '$2b$04$not.a.real.hash.of.anything.at.all.................';
const reason = '到岗';

describe('the accounts list read model', () => {
  let store: EventStore;
  let readStore: ReadStore;
  let projector: Projector;
  let clock = 0;

  beforeEach(async () => {
    store = openTempEventStore(files);
    readStore = await openReadStore({ kind: 'sqlite', filename: files.path('users') });
    await resetReadModels(readStore);
    projector = new Projector(store, readStore, [new UserListProjection(catalog)]);
    await projector.start();
  });

  afterEach(async () => {
    await projector.stop();
    await store.close();
    await readStore.close();
  });
  afterAll(() => files.removeAll());

  const run = async (command: AccountCommand) => {
    const now = new Date(Date.UTC(2015, 5, 10, 9, clock++)).toISOString();
    const result = await handleCommand(store, userStreamId(command.data.username), decider, command, {
      actor: 'admin',
      role: 'admin',
      now,
    });
    await projector.waitFor(result.position!);
  };
  const create = (username: string, role: 'clerk' | 'approver' | 'admin', unitId: string) =>
    run({
      type: 'CreateUser',
      data: { username, displayName: username, role, unitId, credentialId: HASH, reason },
    });
  const list = (filter = {}, page = 1, pageSize = 50) =>
    new ListUsersHandler(readStore).execute(new ListUsersQuery(filter, page, pageSize));

  it('lists the accounts by username with role, unit, status and whether a one-time password is pending', async () => {
    await create('clerk.xichuan', 'clerk', 'henan.nanyang.xichuan.commerce');
    await create('approver.tongbai', 'approver', 'henan.nanyang.tongbai');
    await run({ type: 'ChangePassword', data: { username: 'approver.tongbai', credentialId: HASH } });
    await run({ type: 'DisableUser', data: { username: 'clerk.xichuan', reason: '调离' } });

    const { items, total } = await list();
    expect(total).toBe(2);
    expect(items).toStrictEqual([
      {
        username: 'approver.tongbai',
        displayName: 'approver.tongbai',
        role: 'approver',
        unitId: 'henan.nanyang.tongbai',
        status: 'active',
        passwordChangeRequired: false,
        version: 2,
        createdAt: '2015-06-10T09:01:00.000Z',
        updatedAt: '2015-06-10T09:02:00.000Z',
      },
      expect.objectContaining({
        username: 'clerk.xichuan',
        status: 'disabled',
        passwordChangeRequired: true,
      }),
    ]);
  });

  it('filters by the unit and everything below it, by role and by status; follows a change of unit', async () => {
    await create('clerk.xichuan', 'clerk', 'henan.nanyang.xichuan.commerce');
    await create('approver.tongbai', 'approver', 'henan.nanyang.tongbai');
    await create('admin.henan', 'admin', 'henan.bureau');

    const names = async (filter: object) => (await list(filter)).items.map((item) => item.username);
    expect(await names({ unitId: 'henan.nanyang' })).toStrictEqual(['approver.tongbai', 'clerk.xichuan']);
    expect(await names({ unitId: 'henan.nanyang.xichuan' })).toStrictEqual(['clerk.xichuan']);
    expect(await names({ role: 'admin' })).toStrictEqual(['admin.henan']);

    await run({
      type: 'ChangeUserRole',
      data: { username: 'clerk.xichuan', role: 'clerk', unitId: 'henan.nanyang.xixia', reason },
    });
    expect(await names({ unitId: 'henan.nanyang.xichuan' })).toStrictEqual([]);
    expect(await names({ unitId: 'henan.nanyang.xixia', status: 'active' })).toStrictEqual(['clerk.xichuan']);
    expect(await names({ status: 'disabled' })).toStrictEqual([]);
  });

  it('pages, and a rebuild gives the same rows', async () => {
    for (const county of ['xixia', 'tanghe', 'sheqi'])
      await create(`clerk.${county}`, 'clerk', `henan.nanyang.${county}`);
    expect(await list({}, 2, 2)).toMatchObject({ total: 3, page: 2, items: [{ username: 'clerk.xixia' }] });

    const live = await allTables(readStore);
    await projector.stop();
    await rebuildReadModels(store, readStore, [new UserListProjection(catalog)], { maxBatch: 2 });
    expect(await allTables(readStore)).toStrictEqual(live);
  });
});
