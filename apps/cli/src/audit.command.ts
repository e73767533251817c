import { verifyLog, type EventStore, type VerifyReport } from '@liaison/event-store';
import { AnchorLog } from '@liaison/application';
import { createEventStore, loadConfig, withCommandBus } from '@liaison/app';
import { UsageError, type CliIo, type Command } from './command';
import { count } from './progress';

/** Exit code when the record is not intact, so a scheduled check can alert on it. */
export const EXIT_TAMPERED = 3;

async function withStore<T>(io: CliIo, work: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await createEventStore(loadConfig(io.env));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function describe(report: VerifyReport): string {
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  const summary =
    `${count(report.events)} events in ${count(report.streams)} streams, ${report.anchors} anchors, ` +
    `checked in ${seconds} s`;
  if (report.intact) return `intact: ${summary}; head ${report.head ?? '(empty log)'}\n`;
  const broken = report.firstBroken!;
  return (
    `NOT INTACT: ${summary} up to the first broken link:\n` +
    `  position ${broken.position}, stream ${broken.streamId}, revision ${broken.revision}` +
    `${broken.eventId ? `, event ${broken.eventId}` : ''}\n  ${broken.problem}\n`
  );
}

/**
 * Walks every chain and anchor of `store` and prints the verdict (one JSON line with `json`); resolves to the exit
 * code, 0 or EXIT_TAMPERED. `verify` runs it, and `restore` on the store it has just restored.
 */
export async function verifyStore(store: EventStore, io: CliIo, json = false): Promise<number> {
  const {
    heads: _heads,
    lastPosition: _last,
    ...report
  } = await verifyLog(store, {
    onProgress: ({ events }) => {
      if (!json && io.stderr.isTTY) io.stderr.write(`\rverifying… ${count(events)} events`);
    },
  });
  if (!json && io.stderr.isTTY) io.stderr.write('\n');
  io.stdout.write(json ? `${JSON.stringify(report)}\n` : describe(report));
  return report.intact ? 0 : EXIT_TAMPERED;
}

export const verifyCommand: Command = {
  usage: 'verify [--json]',
  summary:
    "Walks every stream's hash chain and every anchor; says the record is intact or names the first event\n" +
    `that is not (exit code ${EXIT_TAMPERED}).`,
  async run(args, io) {
    const json = args.includes('--json');
    const unknown = args.filter((arg) => arg !== '--json');
    if (unknown.length > 0) throw new UsageError(`verify: unknown argument ${unknown[0]}`);
    return withStore(io, (store) => verifyStore(store, io, json));
  },
};

export const anchorCommand: Command = {
  usage: 'anchor',
  summary:
    'Verifies, then appends an anchor over the heads of every stream and prints its hash: publish that hash\n' +
    'outside the system (see README, tamper evidence).',
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`anchor: unknown argument ${args[0]}`);
    return withStore(io, async (store) => {
      const { report, anchor } = await withCommandBus(store, (bus) =>
        bus.execute(new AnchorLog({ actor: 'auditor', role: 'system', now: new Date().toISOString() })),
      );
      if (!anchor) {
        io.stdout.write(describe(report));
        return report.intact ? 0 : EXIT_TAMPERED;
      }
      io.stdout.write(
        `anchored ${count(anchor.events)} events in ${count(anchor.streams)} streams up to ${anchor.upTo}\n` +
          `anchor hash: ${anchor.anchorHash}\n`,
      );
      return 0;
    });
  },
};
