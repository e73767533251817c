import type { SqliteEventStore } from '@liaison/event-store';
import { campaignSchema } from '../campaign/schema';
import { deadlineSchema } from '../deadlines/schema';
import { noticeSchema } from '../notices/schema';
import { officeSchema } from '../offices/schema';
import { Projector, readCheckpoint } from '../projector';
import { readModelProjections } from '../read-models';
import { resetReadModels, type ReadStore } from '../read-store';
import { catchUp, rebuildReadModels } from '../rebuild';
import { taskSchema } from '../tasks/schema';
import { userSchema } from '../users/schema';
import { OFFICE, OfficeScenario, openTempEventStore, TempFiles, type OfficeStep } from './office-scenario';
import type { ReadStoreFactory } from './read-model.contract';
import { allTables } from './read-model-tables';
import { realisticLog } from './realistic-log';

/** The tables each read model owns, by the name of its projection. */
const OWNED: Record<string, readonly string[]> = {
  offices: officeSchema.tables,
  tasks: taskSchema.tables,
  campaign: campaignSchema.tables,
  deadlines: deadlineSchema.tables,
  notices: noticeSchema.tables,
  users: userSchema.tables,
};

/** Approvers taking tasks on, passing them on and giving them back, after the realistic log. */
const TASK_HANDLING: readonly OfficeStep[] = [
  {
    officeId: OFFICE.xichuanWuhan,
    tier: 'county',
    command: { type: 'ClaimTask', data: { tier: 'county', approver: 'a' } },
  },
  {
    officeId: OFFICE.xichuanWuhan,
    tier: 'county',
    command: { type: 'DelegateTask', data: { tier: 'county', from: 'a', to: 'b' } },
  },
  {
    officeId: OFFICE.xixiaBeijing,
    tier: 'municipal',
    command: { type: 'ClaimTask', data: { tier: 'municipal', approver: 'c' } },
  },
  {
    officeId: OFFICE.xixiaBeijing,
    tier: 'municipal',
    command: { type: 'ReleaseTask', data: { tier: 'municipal', approver: 'c' } },
  },
];

function only(tables: Record<string, unknown[]>, names: readonly string[]): Record<string, unknown[]> {
  return Object.fromEntries(names.map((name) => [name, tables[name]!]));
}

/** Every read model together, whatever database holds them. Call it from a spec file per read store kind. */
export function everyReadModelContract(name: string, openStore: ReadStoreFactory): void {
  describe(`every read model: ${name}`, () => {
    const files = new TempFiles();
    const opened: ReadStore[] = [];
    let readStore: ReadStore;
    let store: SqliteEventStore;
    let scenario: OfficeScenario;

    async function open(): Promise<ReadStore> {
      const connection = await openStore();
      opened.push(connection);
      return connection;
    }

    /** The realistic log and the task handling, each step applied before the next (the live build). */
    async function liveBuild(): Promise<Record<string, unknown[]>> {
      const live = new Projector(store, readStore, readModelProjections(scenario.context));
      await live.start();
      try {
        await realisticLog(store, scenario, (position) => live.waitFor(position));
        for (const step of TASK_HANDLING) await live.waitFor((await scenario.run(step)).position);
      } finally {
        await live.stop();
      }
      return allTables(readStore);
    }

    beforeEach(async () => {
      readStore = await open();
      await resetReadModels(readStore);
      store = openTempEventStore(files);
      scenario = new OfficeScenario(store);
    });

    afterEach(async () => {
      await store.close();
      for (const connection of opened.splice(0)) await connection.close();
    });

    afterAll(() => files.removeAll());

    it('gives every table to exactly one read model', () => {
      const owned = readModelProjections(scenario.context).flatMap((p) => OWNED[p.name] ?? []);
      expect([...owned].sort()).toEqual([...readStore.tables].sort());
    });

    it('builds the same rows event by event, in batches of 3 and in one batch', async () => {
      const live = await liveBuild();
      for (const table of readStore.tables) expect(live[table]!.length).toBeGreaterThan(0);

      await rebuildReadModels(store, readStore, readModelProjections(scenario.context), {
        maxBatch: 3,
      });
      expect(await allTables(readStore)).toEqual(live);
      await rebuildReadModels(store, readStore, readModelProjections(scenario.context));
      expect(await allTables(readStore)).toEqual(live);
    });

    it('builds each read model alone to what it holds beside the others: none reads another’s tables', async () => {
      const together = await liveBuild();
      for (const projection of readModelProjections(scenario.context)) {
        await resetReadModels(readStore);
        await catchUp(store, readStore, [projection], { maxBatch: 4 });
        const alone = await allTables(readStore);
        expect(only(alone, OWNED[projection.name]!)).toEqual(only(together, OWNED[projection.name]!));
        const others = readStore.tables.filter((table) => !OWNED[projection.name]!.includes(table));
        for (const table of others) expect(alone[table]).toEqual([]);
      }
    });

    it('empties a store written before a read model gained a table, so the projector builds it again', async () => {
      const built = await liveBuild();
      // Opened again as it is: nothing changes.
      await (await open()).close();
      expect(await allTables(readStore)).toEqual(built);

      await readStore.db.schema.dropTable('deadline_offices').execute();
      const upgraded = await open();
      expect(await readCheckpoint(upgraded)).toBeUndefined();
      for (const rows of Object.values(await allTables(upgraded))) expect(rows).toEqual([]);

      await catchUp(store, upgraded, readModelProjections(scenario.context));
      expect(await allTables(upgraded)).toEqual(built);
    });
  });
}
