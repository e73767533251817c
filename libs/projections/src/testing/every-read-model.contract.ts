import {
  parseCalendarOverrides,
  parseTierSla,
  taskDeadlineId,
  WorkingCalendar,
  type Tier,
} from '@liaison/domain';
import type { SqliteEventStore } from '@liaison/event-store';
import { campaignSchema } from '../campaign/schema';
import { deadlineSchema } from '../deadlines/schema';
import { noticeSchema } from '../notices/schema';
import { officeSchema } from '../offices/schema';
import { Projector, readCheckpoint } from '../projector';
import { readModelProjections, redateOpenTasks } from '../read-models';
import { resetReadModels, type ReadStore } from '../read-store';
import { catchUp, rebuildReadModels } from '../rebuild';
import { taskSchema } from '../tasks/schema';
import { OFFICE, OfficeScenario, openTempEventStore, TempFiles, type OfficeStep } from './office-scenario';
import type { ReadStoreFactory } from './read-model.contract';
import { allTables } from './read-model-tables';
import { realisticLog } from './realistic-log';

const config = {
  taskSla: parseTierSla(undefined),
  calendar: new WorkingCalendar(parseCalendarOverrides(undefined)),
};

/** The tables each read model owns, by the name of its projection. */
const OWNED: Record<string, readonly string[]> = {
  offices: officeSchema.tables,
  tasks: taskSchema.tables,
  campaign: campaignSchema.tables,
  deadlines: deadlineSchema.tables,
  notices: noticeSchema.tables,
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
      const live = new Projector(store, readStore, readModelProjections(config, scenario.context));
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
      const owned = readModelProjections(config, scenario.context).flatMap((p) => OWNED[p.name] ?? []);
      expect([...owned].sort()).toEqual([...readStore.tables].sort());
    });

    it('builds the same rows event by event, in batches of 3 and in one batch', async () => {
      const live = await liveBuild();
      for (const table of readStore.tables) expect(live[table]!.length).toBeGreaterThan(0);

      await rebuildReadModels(store, readStore, readModelProjections(config, scenario.context), {
        maxBatch: 3,
      });
      expect(await allTables(readStore)).toEqual(live);
      await rebuildReadModels(store, readStore, readModelProjections(config, scenario.context));
      expect(await allTables(readStore)).toEqual(live);
    });

    it('builds each read model alone to what it holds beside the others: none reads another’s tables', async () => {
      const together = await liveBuild();
      for (const projection of readModelProjections(config, scenario.context)) {
        await resetReadModels(readStore);
        await catchUp(store, readStore, [projection], { maxBatch: 4 });
        const alone = await allTables(readStore);
        expect(only(alone, OWNED[projection.name]!)).toEqual(only(together, OWNED[projection.name]!));
        const others = readStore.tables.filter((table) => !OWNED[projection.name]!.includes(table));
        for (const table of others) expect(alone[table]).toEqual([]);
      }
    });

    it('re-dates open tasks and their deadlines alike after an SLA change, on the change feed', async () => {
      await liveBuild();
      const sla = parseTierSla('county=2,municipal=20');
      const before = await readStore.db.selectFrom('deadlines').selectAll().orderBy('deadline_id').execute();
      const lastChange = Math.max(...before.map((row) => Number(row.changed_seq)));

      expect(await redateOpenTasks(readStore, sla, config.calendar)).toBe(2);

      const open = await readStore.db.selectFrom('tasks').selectAll().where('status', '=', 'open').execute();
      expect(open.map((task) => task.office_id).sort()).toEqual(
        [OFFICE.xichuanWuhan, OFFICE.xixiaBeijing].sort(),
      );
      const after = await readStore.db.selectFrom('deadlines').selectAll().orderBy('deadline_id').execute();
      for (const task of open) {
        const due = config.calendar.add(new Date(task.created_at), sla[task.tier as Tier]).toISOString();
        expect(task.due_at).toBe(due);
        const id = taskDeadlineId(task.task_id);
        const was = before.find((row) => row.deadline_id === id)!;
        expect(after.find((row) => row.deadline_id === id)).toEqual({
          ...was,
          due_at: due,
          previous_due_at: was.due_at,
          changed_seq: typeof was.changed_seq === 'string' ? String(lastChange + 1) : lastChange + 1,
        });
      }
      const moved = new Set(open.map((task) => taskDeadlineId(task.task_id)));
      expect(after.filter((row) => !moved.has(row.deadline_id))).toEqual(
        before.filter((row) => !moved.has(row.deadline_id)),
      );
      // Already in line: nothing moves.
      expect(await redateOpenTasks(readStore, sla, config.calendar)).toBe(0);
      expect(await readStore.db.selectFrom('deadlines').selectAll().orderBy('deadline_id').execute()).toEqual(
        after,
      );
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

      await catchUp(store, upgraded, readModelProjections(config, scenario.context));
      expect(await allTables(upgraded)).toEqual(built);
    });
  });
}
