import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegisteredAccount } from '@liaison/domain';
import { SqliteEventStore, type EventStore } from '@liaison/event-store';
import { AccountCache } from './account-cache';

const CLERK = {
  status: 'active',
  account: {
    username: 'clerk.xichuan',
    displayName: '淅川县联络员',
    role: 'clerk',
    unitId: 'henan.nanyang.xichuan',
  },
  credentialId: randomUUID(),
  passwordMustChange: false,
  generation: 0,
} as RegisteredAccount;

const META = {
  actor: 'admin',
  role: 'admin',
  correlationId: 'c',
  causationId: 'c',
  occurredAt: '2026-12-02T00:00:00.000Z',
};

const note = (store: EventStore, streamId: string) =>
  store.append(streamId, [{ id: randomUUID(), type: 'Noted', data: {}, metadata: META }], {
    expectedRevision: 'any',
  });

/** Until the cache's subscription has delivered everything appended so far. */
async function delivered(cache: AccountCache): Promise<void> {
  for (let i = 0; i < 200 && !(await cache.caughtUp()); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(await cache.caughtUp()).toBe(true);
}

describe('AccountCache: the guard’s accounts, kept right by the log', () => {
  let dir: string;
  let store: SqliteEventStore;
  let cache: AccountCache;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'account-cache-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    await note(store, 'office-1');
    cache = new AccountCache(store);
    await cache.start();
  });

  afterEach(async () => {
    cache.onApplicationShutdown();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads an account once while nothing is appended to the log', async () => {
    const read = jest.fn(async () => CLERK);
    expect(await cache.account('clerk.xichuan', read)).toBe(CLERK);
    expect(await cache.account('clerk.xichuan', read)).toBe(CLERK);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('keeps that an account does not exist, until its stream begins', async () => {
    const read = jest.fn(async (): Promise<RegisteredAccount | undefined> => undefined);
    expect(await cache.account('ghost', read)).toBeUndefined();
    expect(await cache.account('ghost', read)).toBeUndefined();
    expect(read).toHaveBeenCalledTimes(1);
    await note(store, 'user-ghost');
    read.mockResolvedValue(CLERK);
    expect(await cache.account('ghost', read)).toBe(CLERK);
  });

  it('reads again at once after an event of the account’s stream, before the subscription has delivered it', async () => {
    const read = jest.fn(async () => CLERK);
    await cache.account('clerk.xichuan', read);
    await note(store, 'user-clerk.xichuan');
    const disabled = { ...CLERK, status: 'disabled' } as RegisteredAccount;
    read.mockResolvedValue(disabled);
    expect(await cache.account('clerk.xichuan', read)).toBe(disabled);
    // Read while the event was undelivered, not kept; once delivered, read once more and kept.
    await delivered(cache);
    expect(await cache.account('clerk.xichuan', read)).toBe(disabled);
    expect(await cache.account('clerk.xichuan', read)).toBe(disabled);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('reads again at once after another process appends to the same log', async () => {
    const read = jest.fn(async () => CLERK);
    await cache.account('clerk.xichuan', read);
    const other = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    try {
      await note(other, 'user-clerk.xichuan');
    } finally {
      await other.close();
    }
    const reset = { ...CLERK, generation: 1 } as RegisteredAccount;
    read.mockResolvedValue(reset);
    expect(await cache.account('clerk.xichuan', read)).toBe(reset);
    // Read while the event was undelivered, not kept; once delivered, read once more and kept.
    await delivered(cache);
    expect(await cache.account('clerk.xichuan', read)).toBe(reset);
    expect(await cache.account('clerk.xichuan', read)).toBe(reset);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('keeps an account through events of other streams, once they are delivered', async () => {
    const read = jest.fn(async () => CLERK);
    await cache.account('clerk.xichuan', read);
    await note(store, 'office-2');
    await note(store, 'user-approver.xichuan');
    await delivered(cache);
    expect(await cache.account('clerk.xichuan', read)).toBe(CLERK);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads on every check once the subscription has ended', async () => {
    const read = jest.fn(async () => CLERK);
    await cache.account('clerk.xichuan', read);
    cache.onApplicationShutdown();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await cache.account('clerk.xichuan', read);
    await cache.account('clerk.xichuan', read);
    expect(read).toHaveBeenCalledTimes(3);
    expect(cache.size).toBe(0);
  });
});
