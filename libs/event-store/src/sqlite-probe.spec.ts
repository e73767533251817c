import { mkdtempSync, renameSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

describe('SqliteEventStore.probeWrites: whether an append could be written now', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'probe-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes on a writable file, and writes nothing', async () => {
    await expect(store.probeWrites()).resolves.toBeUndefined();
    expect(await store.headPosition()).toBeUndefined();
  });

  it('fails once the data folder is deleted under the running store', async () => {
    rmSync(dir, { recursive: true, force: true });
    await expect(store.probeWrites()).rejects.toThrow(/is gone from disk/);
  });

  it('fails once the file is replaced by another (a restore copied over it, say)', async () => {
    copyFileSync(join(dir, 'events.db'), join(dir, 'copy.db'));
    renameSync(join(dir, 'copy.db'), join(dir, 'events.db'));
    await expect(store.probeWrites()).rejects.toThrow(/was replaced on disk/);
  });

  it('has nothing to check for an in-memory store', async () => {
    const memory = new SqliteEventStore({ filename: ':memory:' });
    await expect(memory.probeWrites()).resolves.toBeUndefined();
    await memory.close();
  });
});
