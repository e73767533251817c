import { SingleBar } from 'cli-progress';
import { resolve } from 'node:path';
import { createEventStore, loadConfig } from '@liaison/app';
import { EXIT_TAMPERED, verifyStore } from './audit.command';
import { BackupRefused, restoreBackup, takeBackup, type PageProgress } from './backup';
import { UsageError, type CliIo, type Command } from './command';
import { count, type ProgressOutput } from './progress';
import { rebuildWithProgress } from './rebuild.command';

/** The copy's progress in pages: redrawn in place on a terminal, a line every 2 s in a log (as `rebuild`'s bar). */
function pageBar(out: ProgressOutput): { update(progress: PageProgress): void; finish(): void } {
  const bar = new SingleBar({
    stream: out as unknown as NodeJS.WritableStream,
    format: '[{bar}] {percentage}%  {value} / {total} pages{note}',
    barsize: 30,
    barCompleteChar: '#',
    barIncompleteChar: '.',
    noTTYOutput: true,
    notTTYSchedule: 2000,
    linewrap: true,
    clearOnComplete: !out.isTTY,
  });
  let started = false;
  return {
    update({ copied, total, restarts, pagesPerStep }) {
      const note =
        restarts > 0
          ? `  (started over ${restarts}× as the store changed; now ${count(pagesPerStep)} pages a step)`
          : '';
      if (!started) bar.start(total, copied, { note });
      else bar.setTotal(total);
      started = true;
      bar.update(copied, { note });
    },
    finish: () => bar.stop(),
  };
}

function oneFolder(name: string, args: readonly string[]): { dir: string; force: boolean } {
  const force = args.includes('--force') && name === 'restore';
  const rest = args.filter((arg) => !(force && arg === '--force'));
  const unknown = rest.find((arg) => arg.startsWith('--'));
  if (unknown) throw new UsageError(`${name}: unknown argument ${unknown}`);
  if (rest.length !== 1) throw new UsageError(`${name}: give one folder`);
  return { dir: resolve(rest[0]!), force };
}

export const backupCommand: Command = {
  usage: 'backup <dir>',
  summary:
    "Copies the embedded event store into <dir> (new or empty) with SQLite's online backup API while the API\n" +
    'and the worker keep writing: the copy is the log as it stood at one commit. The signing key kept in\n' +
    'DATA_DIR goes with it, and backup.json (events, last position, SHA-256). The read models are not copied:\n' +
    'restore rebuilds them.',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { dir } = oneFolder('backup', args);
    const config = loadConfig(io.env);
    const started = Date.now();
    const bar = pageBar(io.stderr);
    io.stderr.write(
      `backing up ${config.eventStore.kind === 'sqlite' ? config.eventStore.filename : 'the log'}\n`,
    );
    try {
      const manifest = await takeBackup(config, dir, (progress) => bar.update(progress));
      bar.finish();
      io.stdout.write(
        `backed up ${count(manifest.events)} events (the log up to position ${manifest.lastPosition}) to ${dir} ` +
          `in ${((Date.now() - started) / 1000).toFixed(1)} s\nsha256 ${manifest.sha256}\n`,
      );
      return 0;
    } catch (error) {
      bar.finish();
      if (!(error instanceof BackupRefused)) throw error;
      io.stderr.write(`backup refused: ${error.message}\n`);
      return 1;
    }
  },
};

export const restoreCommand: Command = {
  usage: 'restore <dir> [--force]',
  summary:
    'Puts the backup in <dir> back into DATA_DIR (which must be empty; --force replaces its stores: stop the API\n' +
    `and the worker first), verifies every hash chain and anchor (exit code ${EXIT_TAMPERED} if broken, nothing rebuilt),\n` +
    'then rebuilds the read models from the restored log.',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { dir, force } = oneFolder('restore', args);
    const config = loadConfig(io.env);
    let manifest;
    try {
      manifest = await restoreBackup(config, dir, force);
    } catch (error) {
      if (!(error instanceof BackupRefused)) throw error;
      io.stderr.write(`restore refused: ${error.message}\n`);
      return 1;
    }
    io.stdout.write(
      `restored ${count(manifest.events)} events (up to position ${manifest.lastPosition}, backed up ` +
        `${manifest.takenAt}) into ${config.dataDir}\n`,
    );
    const store = createEventStore(config);
    try {
      const verified = await verifyStore(store, io);
      if (verified !== 0) return verified;
    } finally {
      await store.close();
    }
    return rebuildWithProgress(config, io, false);
  },
};
