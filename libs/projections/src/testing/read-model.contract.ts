import type { Transaction } from 'kysely';
import {
  comparePositions,
  type EventStore,
  type Position,
  type RecordedEvent,
  type SqliteEventStore,
} from '@liaison/event-store';
import { CheckpointPoller } from '../checkpoint-poller';
import { OfficeListProjection } from '../offices/projection';
import type { Projection } from '../projection';
import { officeStreamId } from '@liaison/domain';
import { listOffices, type OfficeListFilter } from '../offices/queries';
import type { OfficeRow } from '../offices/schema';
import { Projector, readCheckpoint, type ProjectorOptions } from '../projector';
import { resetReadModels, type ReadDb, type ReadStore } from '../read-store';
import { catchUp, rebuildReadModels } from '../rebuild';
import {
  CAMPAIGN,
  CAMPAIGN_EVENTS,
  DECISIONS,
  EXPECTED_AFTER_CAMPAIGN,
  OFFICE,
  OfficeScenario,
  REGISTRATIONS,
  TempFiles,
  abolish,
  decideRetention,
  expectedCampaignRows,
  openTempEventStore,
  register,
  registerStaffMember,
  requestRetention,
  resubmitRetention,
  transferAsset,
} from './office-scenario';

/**
 * Opens a connection to the read store a suite runs against. Every call reaches the same database (the SQLite
 * file, the PostgreSQL schema), so a second call stands for another process sharing the read models.
 */
export type ReadStoreFactory = () => Promise<ReadStore>;

/** Every office row, all columns, sorted by office id (`seq` as a number whatever the dialect returns). */
export async function allOfficeRows(readStore: ReadStore): Promise<OfficeRow[]> {
  const rows = await readStore.db.selectFrom('offices').selectAll().execute();
  return rows
    .map((row) => ({ ...row, seq: Number(row.seq) }))
    .sort((a, b) => (a.office_id < b.office_id ? -1 : a.office_id > b.office_id ? 1 : 0));
}

/** Sees every batch the projector applies, inside its transaction. */
class RecordingProjection implements Projection {
  readonly name = 'recording';
  readonly applied: bigint[] = [];

  async applyBatch(_trx: Transaction<ReadDb>, events: readonly RecordedEvent[]): Promise<void> {
    this.applied.push(...events.map((event) => event.position.commit));
  }
}

/** A read model with a defect: it throws on the first event it is given of one type. */
class FailingProjection implements Projection {
  readonly name = 'failing';
  batchesSeen = 0;

  constructor(private readonly failOn: string) {}

  async applyBatch(_trx: Transaction<ReadDb>, events: readonly RecordedEvent[]): Promise<void> {
    this.batchesSeen++;
    const bad = events.find((event) => event.type === this.failOn);
    if (bad) throw new Error(`cannot project ${bad.type} at ${bad.position.commit}`);
  }
}

async function logPositions(store: EventStore): Promise<bigint[]> {
  return (await store.readAll({ maxCount: 100_000 })).map((event) => event.position.commit);
}

function ids(rows: readonly OfficeRow[]): string[] {
  return rows.map((row) => row.office_id);
}

/** The read models' behaviour, whatever database holds them. Call it from a spec file per read store kind. */
export function readModelContract(name: string, openStore: ReadStoreFactory): void {
  describe(`read models: ${name}`, () => {
    const files = new TempFiles();
    const opened: ReadStore[] = [];
    const projectors: Projector[] = [];
    let readStore: ReadStore;
    let store: SqliteEventStore;
    let scenario: OfficeScenario;
    let offices: OfficeListProjection;

    async function open(): Promise<ReadStore> {
      const connection = await openStore();
      opened.push(connection);
      return connection;
    }

    function projector(
      projections: readonly Projection[] = [offices],
      options: ProjectorOptions = {},
      on: ReadStore = readStore,
    ): Projector {
      const created = new Projector(store, on, projections, options);
      projectors.push(created);
      return created;
    }

    async function row(officeId: string): Promise<OfficeRow | undefined> {
      return (await allOfficeRows(readStore)).find((candidate) => candidate.office_id === officeId);
    }

    beforeEach(async () => {
      readStore = await open();
      await resetReadModels(readStore);
      store = openTempEventStore(files);
      scenario = new OfficeScenario(store);
      offices = new OfficeListProjection(scenario.context.jurisdictions);
    });

    afterEach(async () => {
      for (const running of projectors.splice(0)) await running.stop();
      await store.close();
      for (const connection of opened.splice(0)) await connection.close();
    });

    afterAll(() => files.removeAll());

    describe('OfficeListProjection fed by the Projector', () => {
      it('projects the campaign from the event log: status, pending tier, counters, version, sponsor path', async () => {
        const last = await scenario.runAll(CAMPAIGN);
        const live = projector();
        await live.start();
        await live.waitFor(last!.position);

        const rows = await allOfficeRows(readStore);
        expect(rows.map(({ seq: _seq, ...columns }) => columns)).toEqual(
          expectedCampaignRows().sort((a, b) => (a.office_id < b.office_id ? -1 : 1)),
        );
        // seq is the log position of each office's registration, so it orders offices as they were registered.
        for (const projected of rows) {
          const [registered] = await store.readStream(officeStreamId(projected.office_id));
          expect(projected.seq).toBe(Number(registered!.position.commit));
        }
        const head = await store.headPosition();
        expect(live.checkpoint).toEqual(head);
        expect(await readCheckpoint(readStore)).toEqual(head);
      });

      it('follows a retention request tier by tier while commands arrive', async () => {
        const live = projector();
        await live.start();
        const office = OFFICE.xixiaBeijing;
        const seen: Pick<OfficeRow, 'status' | 'pending_tier' | 'version'>[] = [];
        for (const step of [
          register(office, 'henan.nanyang.xixia', 'beijing', { pairedAssistance: true }),
          requestRetention(office),
          decideRetention(office, 'county', 'approve'),
          decideRetention(office, 'municipal', 'return'),
          resubmitRetention(office),
          decideRetention(office, 'municipal', 'approve'),
          decideRetention(office, 'provincial', 'reject'),
          abolish(office),
        ]) {
          const result = await scenario.run(step);
          await live.waitFor(result.position);
          const current = (await row(office))!;
          seen.push({ status: current.status, pending_tier: current.pending_tier, version: current.version });
        }

        expect(seen).toEqual([
          // A decision that opens a task appends its due date too.
          { status: 'proposed', pending_tier: null, version: 1 },
          { status: 'retention-requested', pending_tier: 'county', version: 3 },
          { status: 'retention-requested', pending_tier: 'municipal', version: 5 },
          { status: 'returned-for-revision', pending_tier: null, version: 6 },
          { status: 'retention-requested', pending_tier: 'municipal', version: 8 },
          { status: 'retention-requested', pending_tier: 'provincial', version: 10 },
          { status: 'rejected', pending_tier: null, version: 11 },
          { status: 'abolished', pending_tier: null, version: 12 },
        ]);
      });
    });

    describe('listOffices', () => {
      const inCampaignOrder = EXPECTED_AFTER_CAMPAIGN.map((office) => office.office_id);

      beforeEach(async () => {
        await scenario.runAll(CAMPAIGN);
        await catchUp(store, readStore, [offices]);
      });

      const cases: [string, OfficeListFilter, string[]][] = [
        ['status', { status: 'abolished' }, [OFFICE.xichuanCommerceZhengzhou, OFFICE.commerceBeijing]],
        ['status with a single match', { status: 'closed' }, [OFFICE.xichuanZhengzhou]],
        ['ruleId', { ruleId: '三(一)-a' }, [OFFICE.xichuanZhengzhou, OFFICE.wanchengZhengzhou]],
        [
          'ruleId of the uncovered cases',
          { ruleId: 'not-covered' },
          [OFFICE.commerceBeijing, OFFICE.drcGuangzhou],
        ],
        [
          'unitId: a county covers its own offices and its departments',
          { unitId: 'henan.nanyang.xichuan' },
          [OFFICE.xichuanZhengzhou, OFFICE.xichuanCommerceZhengzhou, OFFICE.xichuanWuhan],
        ],
        [
          'unitId: a department',
          { unitId: 'henan.nanyang.xichuan.commerce' },
          [OFFICE.xichuanCommerceZhengzhou],
        ],
        [
          "unitId: the city's department, not the county department of the same name",
          { unitId: 'henan.nanyang.commerce' },
          [OFFICE.commerceBeijing],
        ],
        ['unitId: the city covers every office', { unitId: 'henan.nanyang' }, inCampaignOrder],
        ['unitId: the province covers every office', { unitId: 'henan' }, inCampaignOrder],
        ['unitId: a prefix of a unit id is not a unit', { unitId: 'henan.nanyang.xi' }, []],
        [
          'hostCityId',
          { hostCityId: 'zhengzhou' },
          [
            OFFICE.xichuanZhengzhou,
            OFFICE.xichuanCommerceZhengzhou,
            OFFICE.nanyangZhengzhou,
            OFFICE.wanchengZhengzhou,
          ],
        ],
        [
          'hostCityId outside the province',
          { hostCityId: 'beijing' },
          [OFFICE.xixiaBeijing, OFFICE.commerceBeijing],
        ],
        ['pendingTier county', { pendingTier: 'county' }, [OFFICE.xichuanWuhan]],
        ['pendingTier municipal', { pendingTier: 'municipal' }, [OFFICE.xixiaBeijing]],
        ['pendingTier provincial', { pendingTier: 'provincial' }, []],
        [
          'unitId and hostCityId together',
          { unitId: 'henan.nanyang.xichuan', hostCityId: 'zhengzhou' },
          [OFFICE.xichuanZhengzhou, OFFICE.xichuanCommerceZhengzhou],
        ],
        [
          'status and unitId together',
          { status: 'retention-requested', unitId: 'henan.nanyang.xichuan' },
          [OFFICE.xichuanWuhan],
        ],
        ['no filter', {}, inCampaignOrder],
      ];

      it.each(cases)('filters by %s', async (_label, filter, expected) => {
        const page = await listOffices(readStore, filter, 1, 50);

        expect(ids(page.items)).toEqual(expected);
        expect(page.total).toBe(expected.length);
        expect(page).toMatchObject({ page: 1, pageSize: 50 });
      });

      it('orders by registration and pages with the total of all matches', async () => {
        const pages = await Promise.all([1, 2, 3, 4].map((n) => listOffices(readStore, {}, n, 4)));

        expect(pages.map((page) => ids(page.items))).toEqual([
          inCampaignOrder.slice(0, 4),
          inCampaignOrder.slice(4, 8),
          inCampaignOrder.slice(8),
          [],
        ]);
        expect(pages.map((page) => page.total)).toEqual([9, 9, 9, 9]);
        expect(pages.map((page) => [page.page, page.pageSize])).toEqual([
          [1, 4],
          [2, 4],
          [3, 4],
          [4, 4],
        ]);
        const seqs = pages.flatMap((page) => page.items.map((item) => item.seq));
        expect(seqs.every((seq) => typeof seq === 'number')).toBe(true);
        expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
        expect(new Set(seqs).size).toBe(seqs.length);
      });

      it('pages within a filter', async () => {
        const second = await listOffices(readStore, { hostCityId: 'zhengzhou' }, 2, 3);

        expect(ids(second.items)).toEqual([OFFICE.wanchengZhengzhou]);
        expect(second.total).toBe(4);
      });

      it('returns full rows with numbers where the model has numbers', async () => {
        const page = await listOffices(readStore, { status: 'closed' }, 1, 10);
        const [closed] = page.items;

        expect(closed).toEqual({
          ...expectedCampaignRows().find((office) => office.office_id === OFFICE.xichuanZhengzhou),
          seq: 1,
        });
      });
    });

    describe('checkpoint', () => {
      it('is committed with the rows: stop and start resume right after it, each event applied once', async () => {
        const firstPart = [...REGISTRATIONS, ...DECISIONS.slice(0, 8)];
        const secondPart = DECISIONS.slice(8);
        const recorder = new RecordingProjection();
        const midway = await scenario.runAll(firstPart);

        const live = projector([offices, recorder], { maxBatch: 4 });
        await live.start();
        await live.waitFor(midway!.position);
        await live.stop();

        expect(await readCheckpoint(readStore)).toEqual(midway!.position);
        expect(await row(OFFICE.xichuanZhengzhou)).toMatchObject({
          status: 'abolished',
          assets_disposed: 1,
          version: 3,
        });

        // Written while nothing projects: the restarted projector must pick up exactly these.
        const end = await scenario.runAll(secondPart);
        expect(await row(OFFICE.xichuanZhengzhou)).toMatchObject({ status: 'abolished', version: 3 });

        await live.start();
        expect(live.checkpoint).toEqual(midway!.position);
        await live.waitFor(end!.position);
        await live.stop();

        // Another instance (another process) starts from the stored checkpoint, not from the beginning.
        const successor = projector([offices, recorder]);
        await successor.start();
        expect(successor.checkpoint).toEqual(end!.position);
        const late = await scenario.run(registerStaffMember(OFFICE.wanchengZhengzhou, 'wc-1'));
        await successor.waitFor(late.position);

        expect(recorder.applied).toEqual(await logPositions(store));
        const rows = await allOfficeRows(readStore);
        expect(rows.find((r) => r.office_id === OFFICE.wanchengZhengzhou)).toMatchObject({
          staff_total: 1,
          version: 2,
        });
        expect(
          rows.filter((r) => r.office_id !== OFFICE.wanchengZhengzhou).map(({ seq: _s, ...c }) => c),
        ).toEqual(
          expectedCampaignRows()
            .filter((r) => r.office_id !== OFFICE.wanchengZhengzhou)
            .sort((a, b) => (a.office_id < b.office_id ? -1 : 1)),
        );
      });

      it('a failing batch moves neither the rows nor the checkpoint', async () => {
        const registered = await scenario.runAll(REGISTRATIONS);
        const first = projector();
        await first.start();
        await first.waitFor(registered!.position);
        await first.stop();
        const rowsBefore = await allOfficeRows(readStore);

        // One batch: the office model writes all of it, then a second model in the same transaction throws.
        await scenario.run(abolish(OFFICE.xichuanZhengzhou));
        await scenario.run(transferAsset(OFFICE.xichuanZhengzhou, 'xc-building'));
        const last = await scenario.run(
          register('neixiang-zhengzhou', 'henan.nanyang.neixiang', 'zhengzhou'),
        );

        const failing = new FailingProjection('AssetDisposed');
        let reportError!: (error: unknown) => void;
        const reported = new Promise<unknown>((resolve) => (reportError = resolve));
        const broken = projector([offices, failing], { onError: (error) => reportError(error) });
        await broken.start();

        expect(String(await reported)).toMatch(/cannot project AssetDisposed/);
        expect(failing.batchesSeen).toBe(1);
        expect(await allOfficeRows(readStore)).toEqual(rowsBefore);
        expect(await readCheckpoint(readStore)).toEqual(registered!.position);
        expect(broken.checkpoint).toEqual(registered!.position);
        await expect(broken.waitFor(last.position, 1000)).rejects.toThrow(/read models stopped/);
        await broken.stop();

        // Once the defect is gone, the same batch applies in full.
        const fixed = projector();
        await fixed.start();
        await fixed.waitFor(last.position);
        expect(await row(OFFICE.xichuanZhengzhou)).toMatchObject({
          status: 'abolished',
          assets_disposed: 1,
          version: 3,
        });
        expect(await row('neixiang-zhengzhou')).toMatchObject({ status: 'proposed', rule_id: '三(一)-a' });
        expect(await readCheckpoint(readStore)).toEqual(last.position);
      });
    });

    describe('waiting for the read models', () => {
      it('Projector.waitFor resolves once the position is applied', async () => {
        const live = projector();
        await live.start();
        const registered = await scenario.run(REGISTRATIONS[0]!);
        await live.waitFor(registered.position);

        expect(comparePositions(live.checkpoint!, registered.position)).toBeGreaterThanOrEqual(0);
        expect(ids((await listOffices(readStore, {}, 1, 10)).items)).toEqual([OFFICE.xichuanZhengzhou]);

        const abolished = await scenario.run(abolish(OFFICE.xichuanZhengzhou));
        await live.waitFor(abolished.position);
        expect((await row(OFFICE.xichuanZhengzhou))!.status).toBe('abolished');
        // A position already reached resolves at once.
        await live.waitFor(registered.position, 0);
      });

      it('Projector.waitFor rejects when the position is not reached in time', async () => {
        const live = projector();
        await live.start();
        const registered = await scenario.run(REGISTRATIONS[0]!);
        await live.waitFor(registered.position);
        const beyond: Position = {
          commit: registered.position.commit + 10n,
          prepare: registered.position.prepare + 10n,
        };

        const started = Date.now();
        await expect(live.waitFor(beyond, 50)).rejects.toThrow(/did not reach .* within 50 ms/);
        expect(Date.now() - started).toBeLessThan(2000);
      });

      it('Projector.waitFor rejects what is still waiting when the projector stops', async () => {
        const live = projector();
        await live.start();
        const waiting = live.waitFor({ commit: 1000n, prepare: 1000n }, 10_000);
        await live.stop();

        await expect(waiting).rejects.toThrow(/read models stopped/);
      });

      it('CheckpointPoller.waitFor sees a checkpoint committed by another Projector on another connection', async () => {
        const elsewhere = await open();
        const poller = new CheckpointPoller(elsewhere, 5);
        const registered = await scenario.run(REGISTRATIONS[0]!);

        // Nothing projects yet: the poller gives up.
        await expect(poller.waitFor(registered.position, 50)).rejects.toThrow(
          /did not reach .* within 50 ms/,
        );

        const waiting = poller.waitFor(registered.position, 10_000);
        const worker = projector();
        await worker.start();
        await waiting;

        expect(ids((await listOffices(elsewhere, {}, 1, 10)).items)).toEqual([OFFICE.xichuanZhengzhou]);
        const abolished = await scenario.run(abolish(OFFICE.xichuanZhengzhou));
        await poller.waitFor(abolished.position, 10_000);
        expect((await listOffices(elsewhere, { status: 'abolished' }, 1, 10)).total).toBe(1);
      });
    });

    describe('rebuild', () => {
      it('rows built incrementally equal, row for row, the rows rebuilt from zero', async () => {
        const live = projector();
        await live.start();
        for (const step of CAMPAIGN) {
          const result = await scenario.run(step);
          await live.waitFor(result.position);
        }
        await live.stop();
        const incremental = await allOfficeRows(readStore);
        const head = await store.headPosition();
        expect(incremental.map(({ seq: _seq, ...columns }) => columns)).toEqual(
          expectedCampaignRows().sort((a, b) => (a.office_id < b.office_id ? -1 : 1)),
        );

        const progress: Position[] = [];
        const rebuilt = await rebuildReadModels(store, readStore, [offices], {
          maxBatch: 5,
          onProgress: ({ position }) => progress.push(position),
        });

        expect(rebuilt.events).toBe(CAMPAIGN_EVENTS);
        expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(CAMPAIGN_EVENTS / 5));
        expect(progress.at(-1)).toEqual(head);
        expect(await allOfficeRows(readStore)).toEqual(incremental);
        expect(await readCheckpoint(readStore)).toEqual(head);

        // In one batch, too.
        expect((await rebuildReadModels(store, readStore, [offices])).events).toBe(CAMPAIGN_EVENTS);
        expect(await allOfficeRows(readStore)).toEqual(incremental);
      });

      it('drops what the log does not hold, and a projector started afterwards carries on from there', async () => {
        await scenario.runAll(REGISTRATIONS);
        await catchUp(store, readStore, [offices]);
        const stray: OfficeRow = {
          ...(await allOfficeRows(readStore))[0]!,
          office_id: 'not-in-the-log',
          seq: 1_000_000,
        };
        await readStore.db.insertInto('offices').values(stray).execute();

        await rebuildReadModels(store, readStore, [offices]);
        expect(ids(await allOfficeRows(readStore))).not.toContain('not-in-the-log');
        expect(await allOfficeRows(readStore)).toHaveLength(REGISTRATIONS.length);

        const recorder = new RecordingProjection();
        const live = projector([offices, recorder]);
        await live.start();
        const abolished = await scenario.run(abolish(OFFICE.wanchengZhengzhou));
        await live.waitFor(abolished.position);
        expect(recorder.applied).toEqual([abolished.position.commit]);
        expect((await row(OFFICE.wanchengZhengzhou))!.status).toBe('abolished');
      });
    });

    describe('catchUp', () => {
      it('returns at once on an empty store', async () => {
        const started = Date.now();
        const result = await catchUp(store, readStore, [offices]);

        expect(result).toEqual({ events: 0, elapsedMs: 0 });
        expect(Date.now() - started).toBeLessThan(1000);
        expect(await readCheckpoint(readStore)).toBeUndefined();
        expect(await allOfficeRows(readStore)).toEqual([]);
      });

      it('applies the log up to its head, and a second catch-up has nothing left to do', async () => {
        const last = await scenario.runAll(CAMPAIGN);

        expect((await catchUp(store, readStore, [offices], { maxBatch: 7 })).events).toBe(CAMPAIGN_EVENTS);
        expect(await readCheckpoint(readStore)).toEqual(last!.position);
        expect((await catchUp(store, readStore, [offices])).events).toBe(0);
        expect(await allOfficeRows(readStore)).toHaveLength(EXPECTED_AFTER_CAMPAIGN.length);
      });

      it('fails, rather than waits forever, when a read model throws, leaving the last good batch', async () => {
        const registered = await scenario.runAll(REGISTRATIONS);
        await catchUp(store, readStore, [offices]);
        await scenario.runAll(DECISIONS);

        await expect(
          catchUp(store, readStore, [offices, new FailingProjection('OfficeClosed')], { maxBatch: 1000 }),
        ).rejects.toThrow(/cannot project OfficeClosed/);
        expect(await readCheckpoint(readStore)).toEqual(registered!.position);
        expect((await allOfficeRows(readStore)).map((r) => r.status)).toEqual(
          REGISTRATIONS.map(() => expect.stringMatching(/^(proposed|awaiting-ruling)$/)),
        );
      });
    });
  });
}
