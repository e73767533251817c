import {
  openReadStore,
  ReadModelsLockedError,
  rebuildUnderLock,
  releaseRebuildLock,
  type RebuildLock,
  type RebuildProgress,
} from '@liaison/projections';
import { loadConfig, type AppConfig } from '@liaison/app';
import { createEventStore } from '@liaison/app';
import { officeContext } from '@liaison/domain';
import { projectorProjections } from '@liaison/projections';
import { UsageError, type CliIo, type Command } from './command';
import { count, ProgressBar } from './progress';

export interface RebuildRunOptions {
  /** Take over the lock of a rebuild that died (the lock stays until removed; see rebuild-lock.ts). */
  force?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
  /** The lock is taken; `replaced` is the one `force` took over, if there was one. */
  onLocked?: (owner: string, replaced?: RebuildLock) => void;
  maxBatch?: number;
  /** On SIGINT or SIGTERM, remove the lock before exiting (the command line; not for tests). */
  releaseOnSignal?: boolean;
}

export interface RebuildSummary {
  events: number;
  elapsedMs: number;
}

/**
 * Rebuilds every read model from the whole log, under the rebuild lock, with the stores `config` names. What
 * `rebuild` runs; the API and the worker may keep running: their projectors apply nothing until it is over, then
 * start again from where it left the read models.
 */
export async function runRebuild(
  config: AppConfig,
  options: RebuildRunOptions = {},
): Promise<RebuildSummary> {
  const store = createEventStore(config);
  try {
    const readStore = await openReadStore(config.readStore);
    let owner: string | undefined;
    let interrupted = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (interrupted) process.exit(signal === 'SIGINT' ? 130 : 143); // a second one: leave the lock, exit now
      interrupted = true;
      // Once the batch in flight commits (the read store's connection is busy until then), drop the lock: the live
      // projectors carry on from the checkpoint the rebuild reached, which finishes the job.
      void (owner ? releaseRebuildLock(readStore, owner) : Promise.resolve(false))
        .catch(() => false)
        .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    if (options.releaseOnSignal) {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    try {
      return await rebuildUnderLock(store, readStore, projectorProjections(officeContext()), {
        force: options.force ?? false,
        ...(options.maxBatch !== undefined ? { maxBatch: options.maxBatch } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        onLocked: (taken, replaced) => {
          owner = taken;
          options.onLocked?.(taken, replaced);
        },
      });
    } finally {
      if (options.releaseOnSignal) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      await readStore.close();
    }
  } finally {
    await store.close();
  }
}

/**
 * Rebuilds under the lock with a progress bar on stderr, then the summary; resolves to the exit code (1: another
 * rebuild holds the lock). `rebuild` runs it, and `restore` after restoring the log.
 */
export async function rebuildWithProgress(config: AppConfig, io: CliIo, force: boolean): Promise<number> {
  const exactTotal = config.eventStore.kind === 'sqlite';
  const bar = new ProgressBar(io.stderr, { exactTotal });
  io.stderr.write(
    `rebuilding the read models (${config.readStore.kind}) from the ${config.eventStore.kind} event log` +
      (exactTotal ? '\n' : '; the number of events is estimated from log positions\n'),
  );
  let summary: RebuildSummary;
  try {
    summary = await runRebuild(config, {
      force,
      releaseOnSignal: true,
      onLocked: (owner, replaced) => {
        if (replaced) io.stderr.write(`took over the lock of ${replaced.by}, held since ${replaced.since}\n`);
        io.stderr.write(`lock taken by ${owner}\n`);
      },
      onProgress: (progress) => bar.update(progress),
    });
  } catch (error) {
    bar.finish();
    if (!(error instanceof ReadModelsLockedError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
  bar.finish();
  const seconds = summary.elapsedMs / 1000;
  const rate = seconds > 0 ? summary.events / seconds : 0;
  io.stderr.write(
    `rebuilt: ${count(summary.events)} events in ${seconds.toFixed(1)} s (${count(rate)} events/s); lock released\n`,
  );
  return 0;
}

export const rebuildCommand: Command = {
  usage: 'rebuild [--force]',
  summary:
    'empty every read model and replay the whole event log into it, with a progress bar on stderr; the API and\n' +
    'the worker may keep running (their projectors wait until it is over). A rebuild that died leaves its lock\n' +
    'behind and the read models stop following the log: rebuild --force takes the lock over and rebuilds.',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    let force = false;
    for (const arg of args) {
      if (arg === '--force') force = true;
      else throw new UsageError(`rebuild: unknown argument ${arg}`);
    }
    return rebuildWithProgress(loadConfig(io.env), io, force);
  },
};
