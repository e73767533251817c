import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chained, SqliteEventStore, type Position } from '@liaison/event-store';
import {
  acquireRebuildLock,
  openReadStore,
  Projector,
  readCheckpoint,
  readModelsRebuilding,
  type RebuildProgress,
} from '@liaison/projections';
import { CAMPAIGN, CAMPAIGN_EVENTS, OfficeScenario } from '@liaison/projections/testing/office-scenario';
import { loadConfig, type AppConfig } from '@liaison/app';
import { officeContext } from '@liaison/domain';
import { readModelProjections } from '@liaison/projections';
import type { CliIo } from './command';
import { COMMANDS, EXIT_USAGE, main } from './main';
import { progressFigures, ProgressBar } from './progress';
import { runRebuild } from './rebuild.command';

function output(isTTY = false) {
  const chunks: string[] = [];
  return { chunks, isTTY, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

function io(env: NodeJS.ProcessEnv) {
  const stdout = output();
  const stderr = output();
  return { io: { env, stdout, stderr } satisfies CliIo, stdout, stderr };
}

describe('the operator CLI', () => {
  let dataDir: string;
  let config: AppConfig;
  let head: Position;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cli-rebuild-'));
    config = loadConfig({ DATA_DIR: dataDir });
    if (config.eventStore.kind !== 'sqlite') throw new Error('expected the SQLite event store');
    const store = chained(new SqliteEventStore({ filename: config.eventStore.filename }));
    try {
      head = (await new OfficeScenario(store).runAll(CAMPAIGN))!.position;
    } finally {
      await store.close();
    }
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  describe('runRebuild (what `rebuild` runs)', () => {
    it('rebuilds every read model to the head, reporting progress up to 100%, and leaves no lock', async () => {
      const progress: RebuildProgress[] = [];
      let owner: string | undefined;
      const lockSeen: Promise<string | undefined>[] = [];
      const readStore = await openReadStore(config.readStore);
      try {
        const summary = await runRebuild(config, {
          maxBatch: 5,
          onLocked: (taken) => (owner = taken),
          onProgress: (report) => {
            progress.push(report);
            // The lock is there for the whole replay, as another process sees it.
            lockSeen.push(readModelsRebuilding(readStore).then((lock) => lock?.by));
          },
        });

        expect(summary.events).toBe(CAMPAIGN_EVENTS);
        expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(CAMPAIGN_EVENTS / 5));
        const fractions = progress.map((report) => progressFigures(report, true).fraction);
        expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
        expect(fractions.at(-1)).toBe(1);
        expect(progressFigures(progress.at(-1)!, true)).toMatchObject({
          events: CAMPAIGN_EVENTS,
          total: CAMPAIGN_EVENTS,
          etaMs: 0,
        });
        expect(progress.at(-1)!.position).toEqual(head);
        expect((await Promise.all(lockSeen))[0]).toBe(owner);
        expect(await readModelsRebuilding(readStore)).toBeUndefined();
        expect(await readCheckpoint(readStore)).toEqual(head);
        expect(await readStore.db.selectFrom('offices').select('office_id').execute()).toHaveLength(9);
      } finally {
        await readStore.close();
      }
    });

    it('runs while a live projector follows the same stores, which then carries on from the rebuilt checkpoint', async () => {
      const store = new SqliteEventStore({
        filename: (config.eventStore as { filename: string }).filename,
        pollIntervalMs: 20,
      });
      const readStore = await openReadStore(config.readStore);
      const live = new Projector(store, readStore, readModelProjections(officeContext()));
      try {
        await live.start();
        await live.waitFor(head);
        await runRebuild(config);
        const scenario = new OfficeScenario(store);
        const late = await scenario.run({
          officeId: 'neixiang-zhengzhou',
          command: {
            type: 'RegisterOffice',
            data: {
              officeId: 'neixiang-zhengzhou',
              name: 'Neixiang office in Zhengzhou',
              sponsorUnitId: 'henan.nanyang.neixiang',
              hostCityId: 'zhengzhou',
              pairedAssistance: false,
              assets: [],
              staff: [],
            },
          },
        });
        await live.waitFor(late.position);
        expect(await readStore.db.selectFrom('offices').select('office_id').execute()).toHaveLength(10);
      } finally {
        await live.stop();
        await store.close();
        await readStore.close();
      }
    });

    it('refuses while another rebuild holds the lock; force takes it over and removes it', async () => {
      const readStore = await openReadStore(config.readStore);
      try {
        await acquireRebuildLock(readStore, 'pid 1 on gone (dead)');
        const refused = io({ DATA_DIR: dataDir });
        expect(await main(['rebuild'], refused.io)).toBe(1);
        expect(refused.stderr.text()).toMatch(
          /already being rebuilt \(by pid 1 on gone \(dead\) since .*rebuild --force/,
        );
        expect(await readModelsRebuilding(readStore)).toMatchObject({ by: 'pid 1 on gone (dead)' });

        const forced = io({ DATA_DIR: dataDir });
        expect(await main(['rebuild', '--force'], forced.io)).toBe(0);
        expect(forced.stderr.text()).toMatch(/took over the lock of pid 1 on gone \(dead\)/);
        expect(await readModelsRebuilding(readStore)).toBeUndefined();
        expect(await readCheckpoint(readStore)).toEqual(head);
      } finally {
        await readStore.close();
      }
    });
  });

  describe('main', () => {
    it('runs rebuild: progress lines on stderr when it is not a terminal, then the summary', async () => {
      const run = io({ DATA_DIR: dataDir });
      expect(await main(['rebuild'], run.io)).toBe(0);
      const text = run.stderr.text();
      expect(text).toContain('rebuilding the read models (sqlite) from the sqlite event log\n');
      const n = CAMPAIGN_EVENTS;
      expect(text).toMatch(
        new RegExp(`\\[#{30}\\] 100\\.0% {2}${n} / ${n} events {2}[\\d,]+ events/s {2}ETA 0s\n`),
      );
      expect(text).toMatch(
        new RegExp(`rebuilt: ${n} events in \\d+\\.\\d s \\([\\d,]+ events/s\\); lock released\n$`),
      );
      expect(text).not.toContain('\r');
      expect(run.stdout.text()).toBe('');
    });

    it('lists the commands for help, and exits with 2 on bad usage', async () => {
      const help = io({});
      expect(await main(['help'], help.io)).toBe(0);
      for (const command of Object.values(COMMANDS)) expect(help.stdout.text()).toContain(command.usage);
      expect(help.stdout.text()).toContain('rebuild --force');

      for (const argv of [[], ['nonsense'], ['rebuild', '--forse'], ['toString']]) {
        const bad = io({ DATA_DIR: dataDir });
        expect(await main(argv, bad.io)).toBe(EXIT_USAGE);
        expect(bad.stderr.text()).toContain('usage: ');
        expect(bad.stderr.text()).toContain('rebuild [--force]');
      }
    });
  });
});

describe('the progress bar', () => {
  const at = (commit: number, events: number, elapsedMs: number, headCommit = 200): RebuildProgress => ({
    events,
    position: { commit: BigInt(commit), prepare: BigInt(commit) },
    head: { commit: BigInt(headCommit), prepare: BigInt(headCommit) },
    elapsedMs,
  });

  // The bar redraws on timers and reads the clock: fake ones, moved on by hand.
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  /** The lines a non-terminal output gets for these reports. */
  function logged(exactTotal: boolean, ...reports: RebuildProgress[]): string[] {
    const log = output(false);
    const bar = new ProgressBar(log, { exactTotal });
    for (const report of reports) bar.update(report);
    bar.finish();
    return log.text().split('\n').slice(0, -1);
  }

  it('shows the share of the log, events done of the total, the rate and the time left', () => {
    expect(logged(true, at(50, 50, 2000))).toEqual([
      '[########......................]  25.0%  50 / 200 events  25 events/s  ETA 6s',
      '[########......................]  25.0%  50 / 200 events  25 events/s  ETA 6s',
    ]);
  });

  it('estimates the total from log positions where they are not event numbers (EventStoreDB)', () => {
    // 100 events took up a quarter of the log's bytes: about 400 in all.
    expect(logged(false, at(50_000, 100, 1000, 200_000)).at(-1)).toBe(
      '[########......................]  25.0%  100 / ~400 (estimate) events  100 events/s  ETA 3s',
    );
  });

  it('redraws in place on a terminal', () => {
    const tty = { ...output(true), columns: 120 };
    const bar = new ProgressBar(tty, { exactTotal: true });
    bar.update(at(50, 50, 1000));
    jest.advanceTimersByTime(500);
    bar.update(at(100, 100, 1500));
    jest.advanceTimersByTime(500);
    bar.update(at(200, 200, 2000));
    bar.finish();
    const text = tty.text();
    // Each state drawn from the start of the line (cursor to column 1), clearing what a longer one left, and a
    // new line only at the end.
    const parts = text.split('\x1b[1G').slice(1);
    expect(parts.every((part) => part.includes('\x1b[0K'))).toBe(true);
    const drawn = parts.map((part) => part.slice(0, part.indexOf('\x1b[0K')));
    expect(drawn).toHaveLength(3);
    expect(drawn.map((line) => line.slice(32, 39))).toEqual(['  25.0%', '  50.0%', ' 100.0%']);
    expect(text.indexOf('\n')).toBe(text.length - 1);
    jest.advanceTimersByTime(10_000);
    expect(tty.text()).toBe(text);
  });

  it('narrows the bar on a narrow terminal, or leaves it out, so that the time left stays in view', () => {
    const drawn = (columns: number, report: RebuildProgress) => {
      const tty = { ...output(true), columns };
      const bar = new ProgressBar(tty, { exactTotal: false });
      bar.update(report);
      bar.finish();
      return tty.text().split('\x1b[1G')[1]!.split('\x1b[0K')[0]!;
    };
    expect(drawn(80, at(50_000, 1_000, 1000, 200_000))).toBe(
      '[###.........]  25.0%  1,000 / ~4,000 (estimate) events  1,000 events/s  ETA 3s',
    );
    expect(drawn(80, at(50_000_000, 1_000_000, 100_000, 200_000_000))).toBe(
      '25.0%  1,000,000 / ~4,000,000 (estimate) events  10,000 events/s  ETA 5m00s',
    );
  });

  it('prints a line every 2 s otherwise, and always the last one', () => {
    const log = output(false);
    const bar = new ProgressBar(log, { exactTotal: true });
    for (let commit = 10; commit < 200; commit += 10) {
      bar.update(at(commit, commit, Date.now()));
      jest.advanceTimersByTime(500);
    }
    bar.update(at(200, 200, Date.now()));
    bar.finish();
    // Updates at 0, 0.5, … 9.5 s: lines at 0, 2, 4, 6, 8 s and the last.
    const lines = log.text().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(6);
    expect(lines.every((line) => line.startsWith('[') && !line.includes('\r'))).toBe(true);
    expect(lines.at(-1)).toContain('100.0%');
    jest.advanceTimersByTime(10_000);
    expect(log.text().split('\n')).toHaveLength(7);
  });
});
