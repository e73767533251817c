import { JurisdictionCatalog, NANYANG_UNITS, officeContext } from '@liaison/domain';
import { SqliteEventStore } from '@liaison/event-store';
import { ExecuteCommand, ExecuteCommandHandler } from '@liaison/application';
import { DEMO_PASSWORD, DEMO_USERS, demoUser, seedDemoUsers } from './demo-users';
import type { UserAccount } from './identity';
import { bcrypt } from './passwords';
import {
  InvalidUserAccount,
  UserAlreadyRegistered,
  UserDirectory,
  UserNotFound,
  userStreamId,
} from './user-accounts';
import { SqliteCredentialStore } from './credential-store';

const catalog = new JurisdictionCatalog(NANYANG_UNITS);
const META = { actor: 'admin', role: 'admin', now: '2015-06-10T09:00:00.000Z' };
const CLERK: UserAccount = {
  username: 'clerk.xichuan',
  displayName: '淅川县联络员',
  role: 'clerk',
  unitId: 'henan.nanyang.xichuan',
};

describe('UserDirectory on the SQLite event store', () => {
  let store: SqliteEventStore;
  let directory: UserDirectory;
  let credentials: SqliteCredentialStore;

  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:' });
    credentials = new SqliteCredentialStore(':memory:');
    directory = new UserDirectory(
      store,
      catalog,
      new ExecuteCommandHandler(store, officeContext()),
      credentials,
      { bcryptCost: 4 },
    );
  });

  afterEach(async () => {
    credentials.close();
    await store.close();
    jest.restoreAllMocks();
  });

  const verified = async (username: string, password: string) =>
    (await directory.verify(username, password))?.account;

  it('records a registration as one UserRegistered event naming a credential; the bcrypt hash is kept beside the log', async () => {
    const result = await directory.register(CLERK, 'correct horse', META);

    expect(result).toStrictEqual({ account: CLERK, created: true });
    const events = await store.readStream('user-clerk.xichuan');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'UserRegistered',
      data: { ...CLERK, credentialId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      metadata: { actor: 'admin', role: 'admin', occurredAt: META.now },
    });
    const { credentialId } = events[0]!.data as { credentialId: string };
    expect(Object.keys(events[0]!.data as object)).not.toContain('passwordHash');
    expect(JSON.stringify(events[0]!.data)).not.toMatch(/correct horse|\$2[aby]\$/);
    expect(credentials.hash(credentialId)).toMatch(/^\$2[aby]\$04\$/);
    expect(userStreamId('admin')).toBe('user-admin');
  });

  it('verifies the right password and refuses a wrong one or an unknown user alike', async () => {
    await directory.register(CLERK, 'correct horse', META);

    await expect(verified('clerk.xichuan', 'correct horse')).resolves.toStrictEqual(CLERK);
    await expect(verified('Clerk.Xichuan ', 'correct horse')).resolves.toStrictEqual(CLERK);
    await expect(verified('clerk.xichuan', 'wrong horse')).resolves.toBeUndefined();
    await expect(verified('nobody', 'correct horse')).resolves.toBeUndefined();
    await expect(verified('not a name!', 'correct horse')).resolves.toBeUndefined();
    await expect(verified('clerk.xichuan', 'correct horse'.padEnd(100, 'x'))).resolves.toBeUndefined();
  });

  it('still runs a bcrypt comparison for an unknown user, so timing does not tell who exists', async () => {
    const compare = jest.spyOn(bcrypt, 'compare');

    await directory.verify('nobody', 'whatever-password');
    await directory.verify('Not Valid', 'whatever-password');

    expect(compare).toHaveBeenCalledTimes(2);
    for (const [, hash] of compare.mock.calls) expect(hash).toMatch(/^\$2[aby]\$04\$/);
  });

  it('finds a registered account and nothing for an unknown or malformed name', async () => {
    await directory.register(CLERK, 'correct horse', META);

    await expect(directory.find('clerk.xichuan')).resolves.toStrictEqual(CLERK);
    await expect(directory.find('nobody')).resolves.toBeUndefined();
    await expect(directory.find('../etc')).resolves.toBeUndefined();
  });

  it('registering the same account again appends nothing', async () => {
    await directory.register(CLERK, 'correct horse', META);
    const again = await directory.register(CLERK, 'another password', META);

    expect(again).toStrictEqual({ account: CLERK, created: false });
    expect(await store.readStream('user-clerk.xichuan')).toHaveLength(1);
    // The first password stands: a re-registration never resets it.
    await expect(verified('clerk.xichuan', 'correct horse')).resolves.toStrictEqual(CLERK);
  });

  it('registering a different account under a taken name is refused, naming what differs', async () => {
    await directory.register(CLERK, 'correct horse', META);

    const attempt = directory.register(
      { ...CLERK, role: 'approver', displayName: '淅川县审批人' },
      'correct horse',
      META,
    );
    await expect(attempt).rejects.toThrow(UserAlreadyRegistered);
    await expect(attempt).rejects.toThrow(
      'user clerk.xichuan is already registered with a different displayName, role',
    );
    expect(await store.readStream('user-clerk.xichuan')).toHaveLength(1);
  });

  it('two identical registrations racing leave one event and both succeed', async () => {
    const results = await Promise.all([
      directory.register(CLERK, 'correct horse', META),
      directory.register(CLERK, 'correct horse', META),
    ]);

    expect(results.map((result) => result.created).sort()).toStrictEqual([false, true]);
    expect(await store.readStream('user-clerk.xichuan')).toHaveLength(1);
  });

  it('two different registrations racing: one wins, the other is refused', async () => {
    const outcomes = await Promise.allSettled([
      directory.register(CLERK, 'correct horse', META),
      directory.register({ ...CLERK, unitId: 'henan.nanyang.xixia' }, 'correct horse', META),
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toStrictEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(UserAlreadyRegistered);
    expect(await store.readStream('user-clerk.xichuan')).toHaveLength(1);
  });

  it.each([
    {
      what: 'an approver bound to a commerce bureau',
      account: { ...CLERK, role: 'approver' as const, unitId: 'henan.nanyang.commerce' },
      password: 'correct horse',
      field: 'unitId',
    },
    {
      what: 'an unknown unit',
      account: { ...CLERK, unitId: 'henan.nowhere' },
      password: 'correct horse',
      field: 'unitId',
    },
    {
      what: 'a malformed username',
      account: { ...CLERK, username: 'Clerk Xichuan' },
      password: 'correct horse',
      field: 'username',
    },
    { what: 'a short password', account: CLERK, password: 'short', field: 'password' },
    { what: 'a password over 72 bytes', account: CLERK, password: '密'.repeat(25), field: 'password' },
  ])('refuses $what (field $field) and appends nothing', async ({ account, password, field }) => {
    const attempt = directory.register(account, password, META);
    await expect(attempt).rejects.toThrow(InvalidUserAccount);
    await expect(attempt).rejects.toMatchObject({ field, kind: 'input' });
    expect(await store.readAll()).toStrictEqual([]);
  });

  it('changes the user’s own password with a PasswordChanged event; the old one stops working', async () => {
    await directory.register(CLERK, 'correct horse', META);
    const changed = await directory.changeOwnPassword(
      'clerk.xichuan',
      'correct horse',
      'battery staple',
      META,
    );

    expect(changed).toMatchObject({ status: 'active', generation: 1, passwordMustChange: false });
    await expect(verified('clerk.xichuan', 'correct horse')).resolves.toBeUndefined();
    await expect(verified('clerk.xichuan', 'battery staple')).resolves.toStrictEqual(CLERK);
    const types = (await store.readStream('user-clerk.xichuan')).map((event) => event.type);
    expect(types).toStrictEqual(['UserRegistered', 'PasswordChanged']);
    // Seeding again after a change leaves the changed password alone.
    await directory.register(CLERK, 'correct horse', META);
    await expect(verified('clerk.xichuan', 'battery staple')).resolves.toStrictEqual(CLERK);
    await expect(directory.changeOwnPassword('nobody', 'x', 'battery staple', META)).rejects.toThrow(
      UserNotFound,
    );
  });

  it.each([
    ['a wrong current password', 'wrong horse', 'battery staple', 'currentPassword'],
    ['the same password again', 'correct horse', 'correct horse', 'newPassword'],
    ['a short new password', 'correct horse', 'short', 'newPassword'],
  ])('refuses %s, naming the field, and appends nothing', async (_what, current, next, field) => {
    await directory.register(CLERK, 'correct horse', META);
    const attempt = directory.changeOwnPassword('clerk.xichuan', current, next, META);
    await expect(attempt).rejects.toThrow(InvalidUserAccount);
    await expect(attempt).rejects.toMatchObject({ field });
    expect(await store.readStream('user-clerk.xichuan')).toHaveLength(1);
  });

  it('a disabled account is verified but found by nobody who would hand it work', async () => {
    await directory.register(CLERK, 'correct horse', META);
    await new ExecuteCommandHandler(store, officeContext()).execute(
      new ExecuteCommand(
        'account',
        'clerk.xichuan',
        { type: 'DisableUser', data: { username: 'clerk.xichuan', reason: '调离' } },
        META,
      ),
    );

    await expect(directory.verify('clerk.xichuan', 'correct horse')).resolves.toMatchObject({
      status: 'disabled',
    });
    await expect(directory.find('clerk.xichuan')).resolves.toBeUndefined();
    await expect(directory.current('clerk.xichuan')).resolves.toMatchObject({ generation: 1 });
  });

  it('seeds every demo account once; seeding again appends nothing', async () => {
    const first = await seedDemoUsers(directory);
    const head = await store.headPosition();
    const second = await seedDemoUsers(directory);

    expect(first.every((result) => result.created)).toBe(true);
    expect(second.every((result) => !result.created)).toBe(true);
    expect(await store.headPosition()).toStrictEqual(head);
    expect(await store.readAll()).toHaveLength(DEMO_USERS.length);
    await expect(verified('approver.xichuan.2', DEMO_PASSWORD)).resolves.toStrictEqual(
      demoUser('approver.xichuan.2'),
    );
  });

  it('refuses a bcrypt cost outside what bcrypt accepts', () => {
    const commands = new ExecuteCommandHandler(store, officeContext());
    expect(() => new UserDirectory(store, catalog, commands, credentials, { bcryptCost: 3 })).toThrow(
      'bcrypt cost',
    );
  });
});
